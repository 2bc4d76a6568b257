//! The Secrets and ConfigMaps of a pod run on Docker, and the environment and files the pod
//! makes of them.
//!
//! - A Secret named `X` is jfrun's credential of id `X`, its keys named as the
//!   kubernetes-credentials-provider plugin names them when it maps Secrets to credentials
//!   (see [`secret_entries`]).
//! - A ConfigMap named `Y` is the table `[config_maps.Y]` of `.jfrun.toml`.
//! - `env[].valueFrom` (`secretKeyRef`, `configMapKeyRef`, a few `fieldRef`s) and `envFrom`
//!   become each container's environment; `secret` and `configMap` volumes become files
//!   ([`File`]), which the Docker backend writes to a host folder mounted read-only.
//!
//! A missing Secret, ConfigMap or key fails the run with where jfrun looked, unless the
//! reference is `optional`.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use indexmap::IndexMap;
use k8s_openapi::api::core::v1::{Container, KeyToPath, ObjectFieldSelector, Pod, Volume};

use super::pod;
use crate::runtime::credentials::{Credential, Credentials};
use crate::runtime::options::config::ConfigMaps;

/// The mode of a volume's files when the pod gives none (Kubernetes' `0644`).
pub const DEFAULT_MODE: u32 = 0o644;

/// One key of a Secret or ConfigMap.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The value.
    pub data: Vec<u8>,
    /// Whether it is a secret value, masked in the log (a user or file name is not).
    pub secret: bool,
}

/// The keys of the Secret a credential stands for, as the kubernetes-credentials-provider
/// plugin names them: `usernamePassword` → `username`, `password`; secret text → `text`;
/// secret file → `filename`, `data`, and the file's own name (holding its content, as a
/// Secret made from the file would); `sshUserPrivateKey` → `username`, `privateKey`,
/// `passphrase` (when there is one); `certificate` → `certificate` (the PKCS#12 keystore),
/// `password`.
#[must_use]
pub fn secret_entries(c: &Credential) -> BTreeMap<String, Entry> {
    let plain = |s: &str| Entry {
        data: s.as_bytes().to_vec(),
        secret: false,
    };
    let secret = |b: &[u8]| Entry {
        data: b.to_vec(),
        secret: true,
    };
    let mut m = BTreeMap::new();
    match c {
        Credential::UsernamePassword { username, password } => {
            m.insert("username".to_owned(), plain(username));
            m.insert("password".to_owned(), secret(password.as_bytes()));
        }
        Credential::Secret(text) => {
            m.insert("text".to_owned(), secret(text.as_bytes()));
        }
        Credential::File { content, filename } => {
            if !filename.is_empty() && !filename.contains('/') {
                m.insert(filename.clone(), secret(content));
            }
            m.insert("filename".to_owned(), plain(filename));
            m.insert("data".to_owned(), secret(content));
        }
        Credential::SshKey {
            username,
            private_key,
            passphrase,
        } => {
            m.insert("username".to_owned(), plain(username));
            m.insert("privateKey".to_owned(), secret(private_key.as_bytes()));
            if let Some(p) = passphrase {
                m.insert("passphrase".to_owned(), secret(p.as_bytes()));
            }
        }
        Credential::Certificate {
            keystore, password, ..
        } => {
            m.insert("certificate".to_owned(), secret(keystore));
            m.insert("password".to_owned(), secret(password.as_bytes()));
        }
    }
    m
}

/// Where a pod's Secrets and ConfigMaps come from.
pub struct Store<'a> {
    /// The build's credentials: a Secret is the credential of its name.
    pub credentials: &'a Credentials,
    /// `.jfrun.toml`'s `[config_maps.NAME]`.
    pub config_maps: &'a ConfigMaps,
    /// That `.jfrun.toml`, when there is one.
    pub config_file: Option<&'a Path>,
}

/// Whether a reference is to a Secret or a ConfigMap.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Secret,
    ConfigMap,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Secret => "secret",
            Kind::ConfigMap => "configMap",
        }
    }
}

impl Store<'_> {
    /// The keys of the Secret or ConfigMap `name`, or where jfrun looked for it.
    fn get(&self, kind: Kind, name: &str) -> Result<BTreeMap<String, Entry>, String> {
        match kind {
            Kind::Secret => self
                .credentials
                .get(name)
                .map(secret_entries)
                .ok_or_else(|| self.missing_secret(name)),
            Kind::ConfigMap => self
                .config_maps
                .get(name)
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                Entry {
                                    data: v.as_bytes().to_vec(),
                                    secret: false,
                                },
                            )
                        })
                        .collect()
                })
                .ok_or_else(|| {
                    format!(
                        "configMap '{name}' not found: jfrun reads the ConfigMap {name} from a table [config_maps.{name}] of .jfrun.toml, whose keys are the ConfigMap's keys, and {}",
                        self.config_file_has()
                    )
                }),
        }
    }

    /// What the `.jfrun.toml` holds, for a missing ConfigMap.
    fn config_file_has(&self) -> String {
        match self.config_file {
            None => {
                "there is no .jfrun.toml beside the Jenkinsfile or at the top of its git work tree"
                    .to_owned()
            }
            Some(f) if self.config_maps.is_empty() => {
                format!("{} has no [config_maps.*] table", f.display())
            }
            Some(f) => format!(
                "{} has only {}",
                f.display(),
                self.config_maps
                    .keys()
                    .map(|k| format!("[config_maps.{k}]"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn missing_secret(&self, name: &str) -> String {
        let files = if self.credentials.sources.is_empty() {
            "no credentials file was found (.jfrun/credentials.toml, ~/.config/jfrun/credentials.toml or --credentials FILE)".to_owned()
        } else {
            format!(
                "the credentials file {} has no [{name}]",
                self.credentials
                    .sources
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        format!(
            "secret '{name}' not found: jfrun takes the Secret {name} from the credential with id '{name}', and {files}, no --secret {name}=VALUE was given and JFRUN_CREDENTIAL_{name} is not set"
        )
    }

    /// The value of `key` of the Secret or ConfigMap `name`; `None` when it is missing and the
    /// reference optional.
    fn value(
        &self,
        kind: Kind,
        name: &str,
        key: &str,
        optional: bool,
    ) -> Result<Option<Entry>, String> {
        let entries = match self.get(kind, name) {
            Ok(e) => e,
            Err(_) if optional => return Ok(None),
            Err(e) => return Err(e),
        };
        match entries.get(key) {
            Some(e) => Ok(Some(e.clone())),
            None if optional => Ok(None),
            None => Err(self.missing_key(kind, name, key, &entries)),
        }
    }

    fn missing_key(
        &self,
        kind: Kind,
        name: &str,
        key: &str,
        entries: &BTreeMap<String, Entry>,
    ) -> String {
        let whose = match (kind, self.credentials.get(name)) {
            (Kind::Secret, Some(c)) => format!(
                "the credential '{name}' is a {} credential, whose keys are {}",
                c.type_name(),
                entries.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
            _ => format!(
                "the table [config_maps.{name}] of {} has {}",
                self.config_file
                    .map_or_else(|| ".jfrun.toml".to_owned(), |f| f.display().to_string()),
                if entries.is_empty() {
                    "no keys".to_owned()
                } else {
                    format!(
                        "the keys {}",
                        entries.keys().cloned().collect::<Vec<_>>().join(", ")
                    )
                }
            ),
        };
        format!("{} '{name}' has no key '{key}': {whose}", kind.name())
    }
}

/// A file of a `secret` or `configMap` volume.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    /// Its path in the volume.
    pub path: PathBuf,
    /// Its content.
    pub data: Vec<u8>,
    /// Its permissions.
    pub mode: u32,
}

/// What the pod reads from its Secrets and ConfigMaps.
#[derive(Debug, Default, PartialEq)]
pub struct Resolved {
    /// Every container's environment by container name, in order (`envFrom`, then `env`, a
    /// later variable replacing an earlier one of its name).
    pub env: BTreeMap<String, Vec<(String, String)>>,
    /// The files of the `secret` and `configMap` volumes, by volume name.
    pub files: BTreeMap<String, Vec<File>>,
    /// The secret values the pod reads, to be masked.
    pub secrets: Vec<String>,
}

impl Resolved {
    fn secret(&mut self, e: &Entry) {
        if e.secret {
            let text = String::from_utf8_lossy(&e.data).trim().to_owned();
            if !text.is_empty() && !self.secrets.contains(&text) {
                self.secrets.push(text);
            }
        }
    }
}

/// The environment and volume files of `pod` (an effective pod), its Secrets and ConfigMaps
/// read from `store`; `node` is the node's name (`spec.nodeName`).
pub fn resolve(p: &Pod, store: &Store<'_>, node: &str) -> Result<Resolved, String> {
    let mut out = Resolved::default();
    for v in pod::volumes(p) {
        if let Some(files) =
            volume_files(v, store, &mut out).map_err(|e| format!("volume '{}': {e}", v.name))?
        {
            out.files.insert(v.name.clone(), files);
        }
    }
    for c in pod::containers(p) {
        let env = container_env(p, c, store, node, &mut out)
            .map_err(|e| format!("container '{}': {e}", c.name))?;
        out.env.insert(c.name.clone(), env);
    }
    Ok(out)
}

fn container_env(
    p: &Pod,
    c: &Container,
    store: &Store<'_>,
    node: &str,
    out: &mut Resolved,
) -> Result<Vec<(String, String)>, String> {
    let mut env: IndexMap<String, String> = IndexMap::new();
    let set = |env: &mut IndexMap<String, String>, k: String, v: String| {
        env.shift_remove(&k);
        env.insert(k, v);
    };
    for from in c.env_from.iter().flatten() {
        let prefix = from.prefix.clone().unwrap_or_default();
        let (kind, name, optional) = match (&from.secret_ref, &from.config_map_ref) {
            (Some(s), None) => (Kind::Secret, &s.name, s.optional == Some(true)),
            (None, Some(m)) => (Kind::ConfigMap, &m.name, m.optional == Some(true)),
            _ => {
                return Err("each envFrom entry names one secretRef or one configMapRef".to_owned());
            }
        };
        let entries = match store.get(kind, name) {
            Ok(e) => e,
            Err(_) if optional => continue,
            Err(e) => return Err(format!("envFrom: {e}")),
        };
        for (k, e) in &entries {
            // Kubernetes leaves out the keys that are not variable names.
            if k.is_empty() || k.contains('=') {
                continue;
            }
            out.secret(e);
            set(
                &mut env,
                format!("{prefix}{k}"),
                String::from_utf8_lossy(&e.data).into_owned(),
            );
        }
    }
    for e in c.env.iter().flatten() {
        let Some(from) = &e.value_from else {
            set(
                &mut env,
                e.name.clone(),
                e.value.clone().unwrap_or_default(),
            );
            continue;
        };
        let value = if let Some(s) = &from.secret_key_ref {
            store
                .value(Kind::Secret, &s.name, &s.key, s.optional == Some(true))
                .map_err(|m| format!("env '{}': {m}", e.name))?
        } else if let Some(m) = &from.config_map_key_ref {
            store
                .value(Kind::ConfigMap, &m.name, &m.key, m.optional == Some(true))
                .map_err(|m| format!("env '{}': {m}", e.name))?
        } else if let Some(f) = &from.field_ref {
            Some(Entry {
                data: field(p, f, node)
                    .map_err(|m| format!("env '{}': {m}", e.name))?
                    .into_bytes(),
                secret: false,
            })
        } else if from.resource_field_ref.is_some() {
            return Err(format!(
                "env '{}': valueFrom.resourceFieldRef is not supported by jfrun",
                e.name
            ));
        } else {
            return Err(format!(
                "env '{}': valueFrom names no secretKeyRef, configMapKeyRef or fieldRef",
                e.name
            ));
        };
        if let Some(v) = value {
            out.secret(&v);
            set(
                &mut env,
                e.name.clone(),
                String::from_utf8_lossy(&v.data).into_owned(),
            );
        }
    }
    Ok(env.into_iter().collect())
}

/// The value of a `fieldRef`: the pod's name, namespace, node and service account.
fn field(p: &Pod, f: &ObjectFieldSelector, node: &str) -> Result<String, String> {
    let spec = pod::spec(p);
    Ok(match f.field_path.as_str() {
        "metadata.name" => p.metadata.name.clone().unwrap_or_default(),
        "metadata.namespace" => p
            .metadata
            .namespace
            .clone()
            .unwrap_or_else(|| "default".to_owned()),
        "spec.nodeName" => node.to_owned(),
        "spec.serviceAccountName" => spec
            .service_account_name
            .clone()
            .or_else(|| spec.service_account.clone())
            .unwrap_or_else(|| "default".to_owned()),
        other => {
            return Err(format!(
                "valueFrom.fieldRef '{other}' is not supported by jfrun (metadata.name, metadata.namespace, spec.nodeName and spec.serviceAccountName are)"
            ));
        }
    })
}

/// The files of a `secret` or `configMap` volume; `None` for other volumes.
fn volume_files(
    v: &Volume,
    store: &Store<'_>,
    out: &mut Resolved,
) -> Result<Option<Vec<File>>, String> {
    let (kind, name, items, default_mode, optional) = if let Some(s) = &v.secret {
        (
            Kind::Secret,
            s.secret_name.clone().unwrap_or_default(),
            s.items.as_deref(),
            s.default_mode,
            s.optional == Some(true),
        )
    } else if let Some(m) = &v.config_map {
        (
            Kind::ConfigMap,
            m.name.clone(),
            m.items.as_deref(),
            m.default_mode,
            m.optional == Some(true),
        )
    } else {
        return Ok(None);
    };
    if name.is_empty() {
        return Err(format!(
            "the {} volume names no {}",
            kind.name(),
            kind.name()
        ));
    }
    let mode = |m: Option<i32>| -> Result<u32, String> {
        match m {
            None => Ok(DEFAULT_MODE),
            Some(m) => u32::try_from(m)
                .ok()
                .filter(|m| *m <= 0o777)
                .ok_or_else(|| format!("mode {m} is not between 0 and 0777 (511)")),
        }
    };
    let default_mode = mode(default_mode)?;
    let entries = match store.get(kind, &name) {
        Ok(e) => e,
        Err(_) if optional => return Ok(Some(Vec::new())),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    match items {
        Some(items) if !items.is_empty() => {
            for KeyToPath {
                key,
                path,
                mode: item_mode,
            } in items
            {
                let Some(e) = entries.get(key) else {
                    if optional {
                        continue;
                    }
                    return Err(store.missing_key(kind, &name, key, &entries));
                };
                out.secret(e);
                files.push(File {
                    path: relative(path)?,
                    data: e.data.clone(),
                    mode: item_mode.map_or(Ok(default_mode), |m| mode(Some(m)))?,
                });
            }
        }
        _ => {
            for (key, e) in &entries {
                out.secret(e);
                files.push(File {
                    path: relative(key)?,
                    data: e.data.clone(),
                    mode: default_mode,
                });
            }
        }
    }
    Ok(Some(files))
}

/// `path` if it stays inside the volume.
fn relative(path: &str) -> Result<PathBuf, String> {
    let p = Path::new(path);
    if path.is_empty()
        || !p
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "the path '{path}' must be relative and stay inside the volume"
        ));
    }
    Ok(p.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials(toml: &str) -> Credentials {
        let dir = tempfile::tempdir().expect("tmp");
        let f = dir.path().join("c.toml");
        std::fs::write(&f, toml).expect("write");
        Credentials::load(Some(&f), dir.path(), &[("tok".into(), "t0ken".into())]).expect("load")
    }

    const CREDS: &str = r#"
[db]
type = "usernamePassword"
username = "ci"
password = "s3cr3t"
[settings]
type = "file"
content = "<settings/>"
filename = "settings.xml"
[deploy]
type = "sshUserPrivateKey"
username = "git"
private_key = "KEY"
"#;

    fn maps() -> ConfigMaps {
        BTreeMap::from([(
            "app".to_owned(),
            BTreeMap::from([
                ("application.yml".to_owned(), "port: 1".to_owned()),
                ("LEVEL".to_owned(), "debug".to_owned()),
            ]),
        )])
    }

    fn keys(c: &Credential) -> Vec<String> {
        secret_entries(c).into_keys().collect()
    }

    #[test]
    fn credentials_map_to_the_keys_the_credentials_provider_names() {
        let c = credentials(CREDS);
        assert_eq!(
            keys(c.get("db").expect("db")),
            ["password", "username"].map(str::to_owned)
        );
        assert_eq!(keys(c.get("tok").expect("tok")), ["text"]);
        assert_eq!(
            keys(c.get("settings").expect("file")),
            ["data", "filename", "settings.xml"].map(str::to_owned)
        );
        assert_eq!(
            keys(c.get("deploy").expect("ssh")),
            ["privateKey", "username"].map(str::to_owned)
        );
        let db = secret_entries(c.get("db").expect("db"));
        assert!(db["password"].secret && !db["username"].secret);
    }

    fn pod(yaml: &str) -> Pod {
        pod::parse(yaml).expect("parses")
    }

    #[test]
    fn env_reads_secrets_config_maps_and_fields() {
        let c = credentials(CREDS);
        let m = maps();
        let store = Store {
            credentials: &c,
            config_maps: &m,
            config_file: Some(Path::new("/repo/.jfrun.toml")),
        };
        let p = pod(
            "metadata:\n  name: p1\nspec:\n  containers:\n  - name: a\n    image: x\n    envFrom:\n    - configMapRef: {name: app}\n      prefix: CM_\n    - secretRef: {name: nope, optional: true}\n    env:\n    - name: CM_LEVEL\n      value: info\n    - name: PW\n      valueFrom:\n        secretKeyRef: {name: db, key: password}\n    - name: LVL\n      valueFrom:\n        configMapKeyRef: {name: app, key: LEVEL}\n    - name: GONE\n      valueFrom:\n        secretKeyRef: {name: db, key: nope, optional: true}\n    - name: POD\n      valueFrom:\n        fieldRef: {fieldPath: metadata.name}\n    - name: NS\n      valueFrom:\n        fieldRef: {fieldPath: metadata.namespace}\n",
        );
        let r = resolve(&p, &store, "node1").expect("resolves");
        let env: Vec<(&str, &str)> = r.env["a"]
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            env,
            [
                ("CM_application.yml", "port: 1"),
                ("CM_LEVEL", "info"),
                ("PW", "s3cr3t"),
                ("LVL", "debug"),
                ("POD", "p1"),
                ("NS", "default"),
            ]
        );
        assert_eq!(r.secrets, ["s3cr3t"]);
    }

    #[test]
    fn volumes_become_files_with_items_and_modes() {
        let c = credentials(CREDS);
        let m = maps();
        let store = Store {
            credentials: &c,
            config_maps: &m,
            config_file: Some(Path::new("/repo/.jfrun.toml")),
        };
        let p = pod(
            "spec:\n  containers:\n  - name: a\n    image: x\n  volumes:\n  - name: creds\n    secret:\n      secretName: db\n      defaultMode: 256\n  - name: conf\n    configMap:\n      name: app\n      items:\n      - {key: application.yml, path: config/app.yml, mode: 0o600}\n",
        );
        let r = resolve(&p, &store, "n").expect("resolves");
        assert_eq!(
            r.files["creds"],
            [
                File {
                    path: "password".into(),
                    data: b"s3cr3t".to_vec(),
                    mode: 0o400
                },
                File {
                    path: "username".into(),
                    data: b"ci".to_vec(),
                    mode: 0o400
                },
            ]
        );
        assert_eq!(
            r.files["conf"],
            [File {
                path: "config/app.yml".into(),
                data: b"port: 1".to_vec(),
                mode: 0o600
            }]
        );
        assert_eq!(r.secrets, ["s3cr3t"]);
    }

    #[test]
    fn what_is_missing_is_named_with_where_jfrun_looked() {
        let c = credentials(CREDS);
        let m = maps();
        let store = Store {
            credentials: &c,
            config_maps: &m,
            config_file: Some(Path::new("/repo/.jfrun.toml")),
        };
        let err = |yaml: &str| resolve(&pod(yaml), &store, "n").expect_err("fails");
        let e = err(
            "spec:\n  containers:\n  - name: a\n    image: x\n    env:\n    - name: P\n      valueFrom:\n        secretKeyRef: {name: registry, key: password}\n",
        );
        assert!(
            e.contains("container 'a': env 'P': secret 'registry' not found"),
            "{e}"
        );
        assert!(e.contains("c.toml has no [registry]"), "{e}");
        assert!(e.contains("--secret registry=VALUE"), "{e}");
        let e = err(
            "spec:\n  containers:\n  - name: a\n    image: x\n  volumes:\n  - name: v\n    secret:\n      secretName: db\n      items: [{key: token, path: t}]\n",
        );
        assert!(
            e.contains("volume 'v': secret 'db' has no key 'token': the credential 'db' is a usernamePassword credential, whose keys are password, username"),
            "{e}"
        );
        let e = err(
            "spec:\n  containers:\n  - name: a\n    image: x\n  volumes:\n  - name: v\n    configMap: {name: other}\n",
        );
        assert!(
            e.contains("configMap 'other' not found")
                && e.contains("[config_maps.other]")
                && e.contains("/repo/.jfrun.toml has only [config_maps.app]"),
            "{e}"
        );
        let e = err(
            "spec:\n  containers:\n  - name: a\n    image: x\n    env:\n    - name: IP\n      valueFrom:\n        fieldRef: {fieldPath: status.podIP}\n",
        );
        assert!(
            e.contains("fieldRef 'status.podIP' is not supported"),
            "{e}"
        );
        let e = err(
            "spec:\n  containers:\n  - name: a\n    image: x\n  volumes:\n  - name: v\n    secret:\n      secretName: db\n      items: [{key: password, path: ../up}]\n",
        );
        assert!(e.contains("must be relative"), "{e}");
        let optional = pod(
            "spec:\n  containers:\n  - name: a\n    image: x\n  volumes:\n  - name: v\n    secret: {secretName: nope, optional: true}\n",
        );
        let r = resolve(&optional, &store, "n").expect("optional");
        assert_eq!(r.files["v"], []);
    }
}
