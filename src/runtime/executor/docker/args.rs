//! The `args` of `agent { docker { args '...' } }` and `docker.image().inside('...')`: split
//! into words as Jenkins splits them (whitespace, with single and double quotes and backslash
//! escapes), then read as `docker run` options. The options people pass there are honoured (see
//! `SUPPORTED`); any other is refused by name rather than ignored.

use std::path::Path;

use bollard::models::{PortBinding, ResourcesUlimits};

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

/// Applies the options of `args` to `spec`, in order (a later `-u` wins, as with `docker run`);
/// a relative `--env-file` is read from the current directory of the step.
pub fn apply(args: &str, spec: &mut RunSpec) -> Result<(), String> {
    let cwd = crate::runtime::context::with(|c| c.cwd.clone());
    apply_in(args, spec, &cwd)
}

/// [`apply`], with relative `--env-file` paths read from `base`.
pub fn apply_in(args: &str, spec: &mut RunSpec, base: &Path) -> Result<(), String> {
    let mut it = words(args).into_iter();
    while let Some(w) = it.next() {
        // `-it`, `-ti`, `-dt`...: short flags written together.
        if w.len() > 2
            && w.starts_with('-')
            && !w.starts_with("--")
            && w[1..].chars().all(|c| "itd".contains(c))
        {
            continue;
        }
        let opt = OptionWord::read(&w, VALUED_SHORT);
        let name = &opt.name;
        let mut value = || opt.value(&mut it, "docker args");
        let flag = || opt.flag("docker args");
        match name.as_str() {
            "-v" | "--volume" => spec.binds.push(value()?),
            "-e" | "--env" => push_env(&value()?, &mut spec.env),
            "--env-file" => {
                let file = base.join(value()?);
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("docker args: --env-file {}: {e}", file.display()))?;
                for line in text.lines().map(str::trim) {
                    if !line.is_empty() && !line.starts_with('#') {
                        push_env(line, &mut spec.env);
                    }
                }
            }
            "-u" | "--user" => spec.user = Some(value()?),
            "-w" | "--workdir" => spec.workdir = Some(value()?),
            "--entrypoint" => spec.entrypoint = Some(value()?),
            "-l" | "--label" => {
                let v = value()?;
                let (k, val) = v.split_once('=').unwrap_or((v.as_str(), ""));
                spec.labels.insert(k.to_owned(), val.to_owned());
            }
            "--name" => spec.name = Some(value()?),
            "-h" | "--hostname" => spec.hostname = Some(value()?),
            "--network" | "--net" => spec.network = Some(value()?),
            "-m" | "--memory" => spec.memory = Some(bytes(name, &value()?)?),
            "--shm-size" => spec.shm_size = Some(bytes(name, &value()?)?),
            "--cpus" => {
                let v = value()?;
                let cpus: f64 = v
                    .parse()
                    .ok()
                    .filter(|c: &f64| c.is_finite() && *c >= 0.0)
                    .ok_or_else(|| format!("docker args: --cpus {v}: not a number of CPUs"))?;
                spec.nano_cpus = Some((cpus * 1e9).round() as i64);
            }
            "-c" | "--cpu-shares" => {
                let v = value()?;
                spec.cpu_shares = Some(
                    v.parse()
                        .map_err(|_| format!("docker args: {name} {v}: not a number"))?,
                );
            }
            "--privileged" => spec.privileged = flag()?,
            "--init" => spec.init = flag()?,
            "--rm" | "-t" | "--tty" | "-i" | "--interactive" | "-d" | "--detach" => {
                // `--rm`: jfrun removes every container it starts anyway; `-t`, `-i`, `-d`:
                // how the container is started is jfrun's to decide, as it is the plugin's.
                flag()?;
            }
            "--cap-add" => spec.cap_add.push(value()?),
            "--cap-drop" => spec.cap_drop.push(value()?),
            "--add-host" => spec.extra_hosts.push(value()?),
            "--group-add" => spec.group_add.push(value()?),
            "--tmpfs" => {
                let v = value()?;
                let (path, opts) = v.split_once(':').unwrap_or((v.as_str(), ""));
                spec.tmpfs.insert(path.to_owned(), opts.to_owned());
            }
            "-p" | "--publish" => {
                let (port, binding) = publish(&value()?)?;
                spec.ports.entry(port).or_default().push(binding);
            }
            "--ulimit" => spec.ulimits.push(ulimit(&value()?)?),
            other => {
                return Err(format!(
                    "docker args: jfrun does not support the docker run option {other} (supported: {SUPPORTED})"
                ));
            }
        }
    }
    Ok(())
}

/// One option of a docker command line, read as the docker CLI reads it: `--name=value`,
/// `--name value`, a short option with its value attached (`-v/a:/b`), or a flag
/// (`--init`, `--init=false`).
pub struct OptionWord {
    /// The option, without its value: `-v`, `--memory`.
    pub name: String,
    inline: Option<String>,
}

impl OptionWord {
    /// Reads `word`; `attached` are the short options whose value may follow without a space.
    #[must_use]
    pub fn read(word: &str, attached: &[&str]) -> Self {
        let (name, inline) = match word.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => match (word.len() > 2 && !word.starts_with("--"), word.get(..2)) {
                (true, Some(short)) if attached.contains(&short) => {
                    (short.to_owned(), Some(word[2..].to_owned()))
                }
                _ => (word.to_owned(), None),
            },
        };
        Self { name, inline }
    }

    /// The option's value: the one written with it, or else the next word of `rest`.
    /// `command` names the command line in the error.
    pub fn value(
        &self,
        rest: &mut impl Iterator<Item = String>,
        command: &str,
    ) -> Result<String, String> {
        match &self.inline {
            Some(v) => Ok(v.clone()),
            None => rest
                .next()
                .ok_or_else(|| format!("{command}: {} needs a value", self.name)),
        }
    }

    /// A flag's value: set unless written `=false` (or `=0`).
    pub fn flag(&self, command: &str) -> Result<bool, String> {
        match self.inline.as_deref() {
            None | Some("true" | "1") => Ok(true),
            Some("false" | "0") => Ok(false),
            Some(v) => Err(format!(
                "{command}: {}={v}: expected true or false",
                self.name
            )),
        }
    }
}

/// Short options that take a value, which may be written attached (`-v/a:/b`).
const VALUED_SHORT: &[&str] = &["-v", "-e", "-u", "-w", "-l", "-h", "-m", "-c", "-p"];

const SUPPORTED: &str = "-v/--volume, -e/--env, --env-file, -u/--user, -w/--workdir, --entrypoint, -l/--label, --name, -h/--hostname, --network/--net, -m/--memory, --cpus, -c/--cpu-shares, --shm-size, --privileged, --init, --cap-add, --cap-drop, --add-host, --group-add, --tmpfs, -p/--publish, --ulimit, and --rm, -t, -i, -d, which are ignored";

/// `-e NAME=value`, or `-e NAME` for the variable of that name in jfrun's environment (left out
/// when unset, as `docker run` does).
fn push_env(v: &str, env: &mut Vec<String>) {
    if v.contains('=') {
        env.push(v.to_owned());
    } else if let Ok(val) = std::env::var(v) {
        env.push(format!("{v}={val}"));
    }
}

/// A size as `docker run` reads it: a number with an optional `b`, `k`, `m` or `g` suffix
/// (binary units, any case).
fn bytes(option: &str, v: &str) -> Result<i64, String> {
    let t = v.trim().to_ascii_lowercase();
    // `256m` and `256mb` alike.
    let t = match t.strip_suffix('b') {
        Some(r) if r.ends_with(['k', 'm', 'g', 't']) => r,
        _ => &t,
    };
    let (num, power) = match t.char_indices().last() {
        Some((i, 'k')) => (&t[..i], 1),
        Some((i, 'm')) => (&t[..i], 2),
        Some((i, 'g')) => (&t[..i], 3),
        Some((i, 't')) => (&t[..i], 4),
        Some((i, 'b')) => (&t[..i], 0),
        _ => (t, 0),
    };
    let n: f64 = num
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n >= 0.0)
        .ok_or_else(|| format!("docker args: {option} {v}: not a size (like 256m or 2g)"))?;
    Ok((n * 1024_f64.powi(power)) as i64)
}

/// `-p [ip:][hostPort:]containerPort[/proto]`.
fn publish(v: &str) -> Result<(String, PortBinding), String> {
    let (spec, proto) = v.split_once('/').unwrap_or((v, "tcp"));
    let parts: Vec<&str> = spec.rsplitn(3, ':').collect();
    let (container, host_port, ip) = match parts.as_slice() {
        [c] => (*c, "", ""),
        [c, h] => (*c, *h, ""),
        [c, h, ip] => (*c, *h, *ip),
        _ => return Err(format!("docker args: -p {v}: not a port mapping")),
    };
    if container.is_empty() || !container.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(format!("docker args: -p {v}: not a port mapping"));
    }
    Ok((
        format!("{container}/{proto}"),
        PortBinding {
            host_ip: (!ip.is_empty()).then(|| ip.to_owned()),
            host_port: (!host_port.is_empty()).then(|| host_port.to_owned()),
        },
    ))
}

/// `--ulimit name=soft[:hard]`.
fn ulimit(v: &str) -> Result<ResourcesUlimits, String> {
    let bad = || format!("docker args: --ulimit {v}: expected name=soft[:hard]");
    let (name, limits) = v.split_once('=').ok_or_else(bad)?;
    let (soft, hard) = limits.split_once(':').unwrap_or((limits, limits));
    Ok(ResourcesUlimits {
        name: Some(name.to_owned()),
        soft: Some(soft.parse().map_err(|_| bad())?),
        hard: Some(hard.parse().map_err(|_| bad())?),
    })
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
        assert_eq!(s.ports["80/tcp"][0].host_port.as_deref(), Some("8080"));
        let dns = &s.ports["53/udp"][0];
        assert_eq!(
            (dns.host_ip.as_deref(), dns.host_port.as_deref()),
            (Some("127.0.0.1"), None)
        );
    }

    #[test]
    fn resource_and_host_options_fill_the_spec() {
        let mut s = RunSpec::default();
        apply_in(
            "-it --rm --memory=256m -m2g --cpus 1.5 --cpu-shares=512 --shm-size 64m --privileged \
             --init=false --net=host --name n1 -h box --cap-add SYS_PTRACE --cap-drop=NET_RAW \
             --add-host db:10.0.0.2 --group-add 999 --tmpfs /run:rw,size=1m \
             -p 8080:80 -p 127.0.0.1:9000:9000/udp --ulimit nofile=1024:2048",
            &mut s,
            Path::new("/"),
        )
        .expect("apply");
        assert_eq!(s.memory, Some(2 << 30));
        assert_eq!(s.nano_cpus, Some(1_500_000_000));
        assert_eq!(s.cpu_shares, Some(512));
        assert_eq!(s.shm_size, Some(64 << 20));
        assert!(s.privileged);
        assert!(!s.init);
        assert_eq!(s.network.as_deref(), Some("host"));
        assert_eq!(s.name.as_deref(), Some("n1"));
        assert_eq!(s.hostname.as_deref(), Some("box"));
        assert_eq!(s.cap_add, ["SYS_PTRACE"]);
        assert_eq!(s.cap_drop, ["NET_RAW"]);
        assert_eq!(s.extra_hosts, ["db:10.0.0.2"]);
        assert_eq!(s.group_add, ["999"]);
        assert_eq!(s.tmpfs.get("/run").map(String::as_str), Some("rw,size=1m"));
        assert_eq!(s.ports["80/tcp"][0].host_port.as_deref(), Some("8080"));
        let udp = &s.ports["9000/udp"][0];
        assert_eq!(udp.host_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(s.ulimits[0].name.as_deref(), Some("nofile"));
        assert_eq!(
            (s.ulimits[0].soft, s.ulimits[0].hard),
            (Some(1024), Some(2048))
        );
    }

    #[test]
    fn env_files_are_read_from_the_step_directory() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(
            dir.path().join("vars.env"),
            "# comment\nA=1\n\nB=two words\n",
        )
        .expect("write");
        let mut s = RunSpec::default();
        apply_in("--env-file vars.env -e C=3", &mut s, dir.path()).expect("apply");
        assert_eq!(s.env, ["A=1", "B=two words", "C=3"]);
        let e = apply_in("--env-file missing.env", &mut s, dir.path()).expect_err("missing");
        assert!(e.contains("missing.env"), "{e}");
    }

    #[test]
    fn bad_values_are_named() {
        let mut s = RunSpec::default();
        for (args, says) in [
            ("--memory lots", "--memory lots"),
            ("--cpus x", "--cpus x"),
            ("-p :", "-p :"),
            ("--ulimit nofile", "--ulimit nofile"),
            ("--privileged=maybe", "--privileged=maybe"),
        ] {
            let e = apply_in(args, &mut s, Path::new("/")).expect_err(args);
            assert!(e.contains(says), "{args}: {e}");
        }
    }

    #[test]
    fn other_options_are_refused_by_name() {
        let mut s = RunSpec::default();
        let e = apply("--pid=host", &mut s).expect_err("refused");
        assert!(e.contains("--pid"), "{e}");
        assert!(
            apply("-v", &mut s)
                .expect_err("no value")
                .contains("-v needs a value")
        );
    }
}
