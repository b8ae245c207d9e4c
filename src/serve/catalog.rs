//! The plans a server prices with: loaded from a file, a folder (each `NAME.rate` named
//! `NAME`) or the built-in plan, and reloaded when their files change. A reload swaps
//! the whole set atomically; a plan whose edit is broken keeps its last good version and
//! says why.

use crate::app::source::{Loaded, Source};
use crate::model::Plan;
use arc_swap::ArcSwap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// One plan as served.
#[derive(Debug)]
pub struct Entry {
    /// The name requests use (`zoho` for zoho.rate).
    pub name: String,
    /// The checked plan.
    pub plan: Arc<Plan>,
    /// How many times this name has been (re)loaded, from 1.
    pub generation: u64,
}

/// What the server prices with at one moment; replaced whole on every change.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Usable plans by name.
    pub plans: BTreeMap<String, Arc<Entry>>,
    /// Plans whose current file cannot be used, by name, with the reason; a plan listed
    /// here and in `plans` is served at its last good version.
    pub broken: BTreeMap<String, String>,
}

impl Snapshot {
    /// The plan a request names, or the only one when it names none.
    pub fn pick(&self, name: Option<&str>) -> Result<&Arc<Entry>, PickError> {
        match name {
            Some(n) => self.plans.get(n).ok_or(PickError::Unknown),
            None if self.plans.len() == 1 => self.plans.values().next().ok_or(PickError::Unknown),
            None => Err(PickError::Ambiguous),
        }
    }

    /// Every plan's name, for messages.
    pub fn names(&self) -> Vec<String> {
        self.plans.keys().cloned().collect()
    }
}

/// Why no plan was picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickError {
    /// No plan has that name.
    Unknown,
    /// Several plans are loaded and the request names none.
    Ambiguous,
}

/// Where the plans come from.
#[derive(Debug, Clone)]
enum Origin {
    Builtin,
    File(PathBuf),
    Folder(PathBuf),
}

/// The served plans, and the files they were read from.
pub struct Catalog {
    origin: Origin,
    current: ArcSwap<Snapshot>,
    sources: Mutex<BTreeMap<String, Source>>,
}

/// True for a name a plan may be served under: letters, digits, `-` and `_`, so a name
/// in a URL can never be a path.
pub fn is_plan_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Catalog {
    /// Loads the plans at `path` (a `.rate` file or a folder of them), or the built-in plan.
    /// Fails only when nothing can be served: no plan at all, or none that checks.
    pub fn open(path: Option<&Path>) -> Result<Catalog, String> {
        let origin = match path {
            None => Origin::Builtin,
            Some(p) if p.is_dir() => Origin::Folder(p.to_path_buf()),
            Some(p) => Origin::File(p.to_path_buf()),
        };
        let catalog = Catalog {
            origin,
            current: ArcSwap::from_pointee(Snapshot::default()),
            sources: Mutex::new(BTreeMap::new()),
        };
        catalog.reload();
        let snap = catalog.snapshot();
        if snap.plans.is_empty() {
            let why: Vec<String> = snap
                .broken
                .iter()
                .map(|(n, e)| format!("{n}: {e}"))
                .collect();
            return Err(match why.is_empty() {
                true => "no plan to serve: the folder has no .rate file".into(),
                false => format!("no plan to serve: {}", why.join("; ")),
            });
        }
        Ok(catalog)
    }

    /// The plans as they are now; cheap, and unaffected by later reloads.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.load_full()
    }

    /// Re-reads every plan whose files changed (and, for a folder, picks up new files and
    /// drops deleted ones); returns one message per change, for the log.
    pub fn reload(&self) -> Vec<String> {
        let Ok(mut sources) = self.sources.lock() else {
            return vec!["the plan sources are unavailable after a failed reload".into()];
        };
        let wanted = self.files();
        sources.retain(|name, _| wanted.iter().any(|(n, _)| n == name));
        let old = self.snapshot();
        let mut next = Snapshot {
            plans: old.plans.clone(),
            broken: old.broken.clone(),
        };
        let mut log = Vec::new();
        for name in old.plans.keys().filter(|n| !sources.contains_key(*n)) {
            if !wanted.iter().any(|(n, _)| n == name) {
                log.push(format!("plan {name}: its file is gone; no longer served"));
            }
        }
        next.plans.retain(|n, _| wanted.iter().any(|(w, _)| w == n));
        next.broken
            .retain(|n, _| wanted.iter().any(|(w, _)| w == n));
        for (name, path) in wanted {
            let root = self.root();
            let source =
                sources
                    .entry(name.clone())
                    .or_insert_with(|| match (path.clone(), root) {
                        (Some(p), Some(r)) => Source::within(p, r),
                        (p, _) => Source::new(p),
                    });
            let fresh = !old.plans.contains_key(&name) && !old.broken.contains_key(&name);
            if !fresh && source.changed().is_none() {
                continue;
            }
            match source.load(false) {
                Loaded::Plan(plan, _) => {
                    let generation = old.plans.get(&name).map_or(1, |e| e.generation + 1);
                    log.push(format!(
                        "plan {name}: loaded version {} ({})",
                        plan.version,
                        short(&plan.source_sha256)
                    ));
                    next.broken.remove(&name);
                    let entry = Entry {
                        name: name.clone(),
                        plan: Arc::new(*plan),
                        generation,
                    };
                    next.plans.insert(name, Arc::new(entry));
                }
                Loaded::Broken(rendered, errors) => {
                    let why = format!("the plan has {errors} error{}", crate::app::plural(errors));
                    let kept = match old.plans.get(&name) {
                        Some(e) => format!("; still serving version {}", e.plan.version),
                        None => String::new(),
                    };
                    log.push(format!("plan {name}: {why}{kept}\n{rendered}"));
                    next.broken.insert(name, why);
                }
                Loaded::Unreadable(why) => {
                    log.push(format!("plan {name}: {why}"));
                    next.broken.insert(name, why);
                }
            }
        }
        if !log.is_empty() {
            self.current.store(Arc::new(next));
        }
        log
    }

    /// The folder served plans must be in after resolving links: the folder served, or the
    /// one holding the plan file served.
    fn root(&self) -> Option<PathBuf> {
        match &self.origin {
            Origin::Builtin => None,
            Origin::File(p) => Some(p.parent().unwrap_or(Path::new("")).to_path_buf()),
            Origin::Folder(dir) => Some(dir.clone()),
        }
    }

    /// (name, path) of every plan file the origin holds now; `None` for the built-in plan.
    fn files(&self) -> Vec<(String, Option<PathBuf>)> {
        match &self.origin {
            Origin::Builtin => vec![("acme".into(), None)],
            Origin::File(p) => vec![(stem(p), Some(p.clone()))],
            Origin::Folder(dir) => {
                let Ok(entries) = std::fs::read_dir(dir) else {
                    return Vec::new();
                };
                let mut found: Vec<(String, Option<PathBuf>)> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "rate") && p.is_file())
                    .map(|p| (stem(&p), Some(p)))
                    .filter(|(n, _)| is_plan_name(n))
                    .collect();
                found.sort();
                found
            }
        }
    }
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The first 12 hex digits of a source hash, as logs show it.
pub fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}
