//! Binding a credential to environment variables, shared by `withCredentials` and the
//! declarative `credentials('id')`: secret files are written under the build's `@tmp` folder
//! (in a folder of their own, keeping the credential's file name) and deleted when the
//! binding ends; every bound secret value, the files' paths included, is masked.

use std::path::{Path, PathBuf};

use super::Credential;

/// The secret files of one binding scope, deleted when it is dropped.
pub struct SecretFiles {
    tmp: PathBuf,
    dirs: Vec<tempfile::TempDir>,
}

impl SecretFiles {
    /// Secret files to be written under `tmp` (the build's `@tmp` folder).
    #[must_use]
    pub fn new(tmp: PathBuf) -> Self {
        Self {
            tmp: tmp.join("secretFiles"),
            dirs: Vec::new(),
        }
    }

    /// Writes `bytes` to a new private file named `name`; returns its path.
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<String> {
        std::fs::create_dir_all(&self.tmp)?;
        let dir = tempfile::Builder::new()
            .prefix("secret")
            .tempdir_in(&self.tmp)?;
        let name = Path::new(name)
            .file_name()
            .map_or_else(|| "secret".into(), |n| n.to_string_lossy().into_owned());
        let path = dir.path().join(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        std::io::Write::write_all(&mut options.open(&path)?, bytes)?;
        self.dirs.push(dir);
        Ok(path.display().to_string())
    }
}

/// Variables bound from a credential, and the values among them that are secret.
#[derive(Default)]
pub struct Bound {
    /// Name and value of each variable, in order.
    pub vars: Vec<(String, String)>,
    /// The values to mask.
    pub secrets: Vec<String>,
}

impl Bound {
    /// Binds a public variable.
    pub fn public(&mut self, name: &str, value: &str) {
        self.vars.push((name.to_owned(), value.to_owned()));
    }

    /// Binds a secret variable.
    pub fn secret(&mut self, name: &str, value: &str) {
        self.vars.push((name.to_owned(), value.to_owned()));
        self.secrets.push(value.to_owned());
    }
}

/// The variables `NAME = credentials('id')` sets in `environment { }`: `NAME`, and `NAME_USR`
/// and `NAME_PSW` for a username/password (and the user and passphrase of an SSH key).
pub fn environment(
    name: &str,
    id: &str,
    cred: &Credential,
    files: &mut SecretFiles,
) -> std::io::Result<Bound> {
    let mut b = Bound::default();
    match cred {
        Credential::UsernamePassword { username, password } => {
            b.secret(name, &format!("{username}:{password}"));
            b.public(&format!("{name}_USR"), username);
            b.secret(&format!("{name}_PSW"), password);
        }
        Credential::Secret(s) => b.secret(name, s),
        Credential::File { content, filename } => {
            b.secret(name, &files.write(filename, content)?);
        }
        Credential::SshKey {
            username,
            private_key,
            passphrase,
        } => {
            b.secret(name, &files.write(id, private_key.as_bytes())?);
            b.public(&format!("{name}_USR"), username);
            if let Some(p) = passphrase {
                b.secret(&format!("{name}_PSW"), p);
            }
        }
        Credential::Certificate {
            keystore, password, ..
        } => {
            b.secret(name, &files.write(id, keystore)?);
            b.secret(&format!("{name}_PSW"), password);
        }
    }
    Ok(b)
}
