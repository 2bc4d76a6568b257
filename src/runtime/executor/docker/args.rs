//! The `args` of `agent { docker { args '...' } }` and `docker.image().inside('...')`: split
//! into words as Jenkins splits them (whitespace, with single and double quotes and backslash
//! escapes), then read as `docker run` options. Only the options jfrun can honour yet are
//! accepted (`-v`, `-e`, `-u`, `-w`, `--entrypoint`, `--label`, `--network`, `-p`); any other is refused by name
//! rather than ignored.

use super::RunSpec;

/// Splits `args` into words: whitespace separates, quotes group, a backslash escapes.
#[must_use]
pub fn words(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = args.chars();
    while let Some(ch) = chars.next() {
        match (quote, ch) {
            (_, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
                in_word = true;
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(ch);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            (None, c) => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

/// Applies the options of `args` to `spec`, in order (a later `-u` wins, as with `docker run`).
pub fn apply(args: &str, spec: &mut RunSpec) -> Result<(), String> {
    let words = words(args);
    let mut it = words.into_iter();
    while let Some(w) = it.next() {
        let (name, inline) = match w.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (w.clone(), None),
        };
        let mut value = || -> Result<String, String> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => it
                    .next()
                    .ok_or_else(|| format!("docker args: {name} needs a value")),
            }
        };
        match name.as_str() {
            "-v" | "--volume" => spec.binds.push(value()?),
            "-e" | "--env" => {
                let v = value()?;
                // `-e NAME` passes the variable of that name from jfrun's environment.
                if v.contains('=') {
                    spec.env.push(v);
                } else if let Ok(val) = std::env::var(&v) {
                    spec.env.push(format!("{v}={val}"));
                }
            }
            "-u" | "--user" => spec.user = Some(value()?),
            "-w" | "--workdir" => spec.workdir = Some(value()?),
            "--entrypoint" => spec.entrypoint = Some(value()?),
            "--network" | "--net" => spec.network = Some(value()?),
            "-p" | "--publish" => spec.publish.push(value()?),
            "-l" | "--label" => {
                let v = value()?;
                let (k, val) = v.split_once('=').unwrap_or((v.as_str(), ""));
                spec.labels.insert(k.to_owned(), val.to_owned());
            }
            other => {
                return Err(format!(
                    "docker args: jfrun does not support the docker run option {other} yet (supported: -v, -e, -u, -w, --entrypoint, --label, --network, -p)"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_quotes_and_escapes() {
        assert_eq!(
            words(r#" -v /a:/b  -e "X=1 2" -e 'Y=a"b' z\ w "#),
            ["-v", "/a:/b", "-e", "X=1 2", "-e", "Y=a\"b", "z w"]
        );
        assert!(words("  ").is_empty());
        assert_eq!(words("''"), [""]);
    }

    #[test]
    fn options_fill_the_spec() {
        let mut s = RunSpec::default();
        apply(
            "-v /c:/c:ro --env=A=1 -u 0:0 --entrypoint= -w /x --label k=v",
            &mut s,
        )
        .expect("apply");
        assert_eq!(s.binds, ["/c:/c:ro"]);
        assert_eq!(s.env, ["A=1"]);
        assert_eq!(s.user.as_deref(), Some("0:0"));
        assert_eq!(s.entrypoint.as_deref(), Some(""));
        assert_eq!(s.workdir.as_deref(), Some("/x"));
        assert_eq!(s.labels.get("k").map(String::as_str), Some("v"));
        apply(
            "--network net1 -p 8080:80 --publish=127.0.0.1::53/udp",
            &mut s,
        )
        .expect("apply");
        assert_eq!(s.network.as_deref(), Some("net1"));
        assert_eq!(s.publish, ["8080:80", "127.0.0.1::53/udp"]);
    }

    #[test]
    fn other_options_are_refused_by_name() {
        let mut s = RunSpec::default();
        let e = apply("--privileged", &mut s).expect_err("refused");
        assert!(e.contains("--privileged"), "{e}");
        assert!(
            apply("-v", &mut s)
                .expect_err("no value")
                .contains("-v needs a value")
        );
    }
}
