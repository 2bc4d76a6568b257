//! Credentials: Jenkins' credential types read from a TOML file (`--credentials FILE`,
//! `.jfrun/credentials.toml` in the project, or `~/.config/jfrun/credentials.toml`), from
//! `--secret ID=VALUE` and from `JFRUN_CREDENTIAL_<ID>` variables. Values written `env:NAME`
//! are read from the environment.
//!
//! ```toml
//! [deploy-key]
//! type = "usernamePassword"
//! username = "ci"
//! password = "env:DEPLOY_PASSWORD"
//! ```

pub mod bind;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One credential.
#[derive(Clone, Debug)]
pub enum Credential {
    /// `usernamePassword`.
    UsernamePassword {
        /// The user.
        username: String,
        /// The password (secret).
        password: String,
    },
    /// `string`: secret text.
    Secret(String),
    /// `file`: a secret file.
    File {
        /// Its content.
        content: Vec<u8>,
        /// The file name it had.
        filename: String,
    },
    /// `sshUserPrivateKey`.
    SshKey {
        /// The user.
        username: String,
        /// The private key (secret).
        private_key: String,
        /// Its passphrase, if any (secret).
        passphrase: Option<String>,
    },
    /// `certificate`: a PKCS#12 keystore.
    Certificate {
        /// The keystore's bytes.
        keystore: Vec<u8>,
        /// Its password (secret).
        password: String,
        /// The key's alias in the keystore, when the file names it.
        alias: Option<String>,
    },
}

impl Credential {
    /// The values that must never be shown.
    #[must_use]
    pub fn secrets(&self) -> Vec<String> {
        match self {
            Credential::UsernamePassword { password, .. } => vec![password.clone()],
            Credential::Secret(s) => vec![s.clone()],
            Credential::File { content, .. } => {
                let text = String::from_utf8_lossy(content).trim().to_owned();
                if text.is_empty() {
                    Vec::new()
                } else {
                    vec![text]
                }
            }
            Credential::SshKey {
                private_key,
                passphrase,
                ..
            } => {
                let mut v = vec![private_key.trim().to_owned()];
                v.extend(passphrase.clone());
                v
            }
            Credential::Certificate { password, .. } => vec![password.clone()],
        }
    }

    /// Jenkins' name of the type (for messages).
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Credential::UsernamePassword { .. } => "usernamePassword",
            Credential::Secret(_) => "string",
            Credential::File { .. } => "file",
            Credential::SshKey { .. } => "sshUserPrivateKey",
            Credential::Certificate { .. } => "certificate",
        }
    }
}

/// The credentials a build can use.
#[derive(Default)]
pub struct Credentials {
    by_id: HashMap<String, Credential>,
    /// Where they were read from (for the missing-credential message).
    pub sources: Vec<PathBuf>,
}

impl Credentials {
    /// Loads the file (the first that exists of `explicit`, the project's, the user's), then
    /// `--secret` values and `JFRUN_CREDENTIAL_<ID>` variables.
    pub fn load(
        explicit: Option<&Path>,
        project: &Path,
        secrets: &[(String, String)],
    ) -> Result<Self, String> {
        let mut out = Credentials::default();
        let candidates: Vec<PathBuf> = if let Some(p) = explicit {
            vec![p.to_path_buf()]
        } else {
            crate::project::credentials_files(project)
        };
        for path in candidates {
            if !path.exists() {
                if explicit.is_some() {
                    return Err(format!(
                        "credentials file {} does not exist",
                        path.display()
                    ));
                }
                continue;
            }
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let table: toml::Table = text
                .parse()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let base = path.parent().unwrap_or(Path::new("."));
            for (id, v) in table {
                let cred = parse(&id, &v, base)
                    .map_err(|e| format!("{}: credential '{id}': {e}", path.display()))?;
                out.by_id.insert(id, cred);
            }
            out.sources.push(path);
            break;
        }
        for (k, v) in std::env::vars() {
            if let Some(id) = k.strip_prefix("JFRUN_CREDENTIAL_") {
                out.by_id
                    .entry(id.to_owned())
                    .or_insert(Credential::Secret(v));
            }
        }
        for (id, v) in secrets {
            out.by_id.insert(id.clone(), Credential::Secret(v.clone()));
        }
        Ok(out)
    }

    /// A credential by id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Credential> {
        self.by_id.get(id)
    }

    /// Every secret value (masked from the start of the build).
    #[must_use]
    pub fn all_secrets(&self) -> Vec<String> {
        self.by_id.values().flat_map(Credential::secrets).collect()
    }

    /// Jenkins' message for a missing credential, with how to provide it in jfrun.
    #[must_use]
    pub fn missing(&self, id: &str) -> String {
        format!(
            "Could not find credentials entry with ID '{id}' (jfrun: add a [{id}] table to .jfrun/credentials.toml or the file given by --credentials, or pass --secret {id}=VALUE)"
        )
    }
}

fn field(t: &toml::Table, name: &str) -> Result<Option<String>, String> {
    match t.get(name) {
        None => Ok(None),
        Some(toml::Value::String(s)) => match s.strip_prefix("env:") {
            Some(var) => std::env::var(var)
                .map(Some)
                .map_err(|_| format!("{name}: environment variable {var} is not set")),
            None => Ok(Some(s.clone())),
        },
        Some(_) => Err(format!("{name} must be a string")),
    }
}

fn need(t: &toml::Table, name: &str) -> Result<String, String> {
    field(t, name)?.ok_or_else(|| format!("missing {name}"))
}

fn parse(id: &str, v: &toml::Value, base: &Path) -> Result<Credential, String> {
    let t = v
        .as_table()
        .ok_or_else(|| format!("[{id}] must be a table"))?;
    let ty = need(t, "type")?;
    let read = |p: String| std::fs::read(base.join(&p)).map_err(|e| format!("{p}: {e}"));
    Ok(match ty.as_str() {
        "usernamePassword" => Credential::UsernamePassword {
            username: need(t, "username")?,
            password: need(t, "password")?,
        },
        "string" => Credential::Secret(need(t, "secret")?),
        "file" => {
            let (content, default_name) = match (field(t, "content")?, field(t, "path")?) {
                (Some(c), _) => (c.into_bytes(), id.to_owned()),
                (None, Some(p)) => {
                    let name = Path::new(&p)
                        .file_name()
                        .map_or_else(|| id.to_owned(), |n| n.to_string_lossy().into_owned());
                    (read(p)?, name)
                }
                (None, None) => return Err("a file credential needs content or path".into()),
            };
            Credential::File {
                content,
                filename: field(t, "filename")?.unwrap_or(default_name),
            }
        }
        "sshUserPrivateKey" => {
            let private_key = match (field(t, "private_key")?, field(t, "private_key_path")?) {
                (Some(k), _) => k,
                (None, Some(p)) => String::from_utf8_lossy(&read(p)?).into_owned(),
                (None, None) => {
                    return Err(
                        "an sshUserPrivateKey credential needs private_key or private_key_path"
                            .into(),
                    );
                }
            };
            Credential::SshKey {
                username: need(t, "username")?,
                private_key,
                passphrase: field(t, "passphrase")?,
            }
        }
        "certificate" => Credential::Certificate {
            keystore: read(need(t, "keystore_path")?)?,
            password: field(t, "password")?.unwrap_or_default(),
            alias: field(t, "alias")?,
        },
        other => {
            return Err(format!(
                "unknown type '{other}' (usernamePassword, string, file, sshUserPrivateKey, certificate)"
            ));
        }
    })
}
