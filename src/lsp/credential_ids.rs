//! The credential ids a project defines, for completion: the tables of its credentials file
//! (the one `jfrun` would read, [`crate::project::credentials_files`]), each with its `type`.
//! Only the names are read out; no value of the file is kept.

use std::path::Path;

/// `(id, type)` of every credential in the credentials file of the project holding `dir`
/// (`dir` or the nearest parent with a `.jfrun/credentials.toml`, else the user's file).
#[must_use]
pub fn credential_ids(dir: &Path) -> Vec<(String, String)> {
    let project = dir
        .ancestors()
        .find(|d| d.join(".jfrun/credentials.toml").is_file())
        .unwrap_or(dir);
    let Some(text) = crate::project::credentials_files(project)
        .into_iter()
        .find_map(|f| std::fs::read_to_string(f).ok())
    else {
        return Vec::new();
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    table
        .iter()
        .map(|(id, value)| {
            let kind = value
                .get("type")
                .and_then(toml::Value::as_str)
                .unwrap_or("credential");
            (id.clone(), kind.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_types_from_the_nearest_project_file() {
        let root = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(root.path().join(".jfrun")).expect("mkdir");
        std::fs::create_dir_all(root.path().join("services/api")).expect("mkdir");
        std::fs::write(
            root.path().join(".jfrun/credentials.toml"),
            "[deploy-key]\ntype = \"usernamePassword\"\nusername = \"ci\"\npassword = \"hunter2\"\n\n[slack]\ntype = \"string\"\nsecret = \"x\"\n",
        )
        .expect("write");
        assert_eq!(
            credential_ids(&root.path().join("services/api")),
            [
                ("deploy-key".to_owned(), "usernamePassword".to_owned()),
                ("slack".to_owned(), "string".to_owned())
            ]
        );
    }
}
