//! jenkinsfile-runner's command line, for `jfrun run`: its multi-letter short flags (`-ns`)
//! become jfrun's long ones, and the flags that only configure the Jenkins it embeds
//! (`-w`, `-p PLUGINS_DIR`, `--jenkinsHome`...) are refused with the reason none is needed.
//! The flags both tools share (`-f`, `-a`, `--runWorkspace`, `-n`, `-b`, `-c`, `-u`) are
//! `jfrun run`'s own.

use std::ffi::OsString;

/// Why the flags of an embedded Jenkins have no use here.
const NO_EMBEDDED_JENKINS: &str = "jfrun embeds no Jenkins: there is no jenkins.war, plugin folder, JENKINS_HOME, init hook, web UI or agent port to set up. The steps jfrun runs are built in (see docs/steps.md); drop the flag";

/// A refused flag and why.
fn refusal(flag: &str) -> Option<String> {
    let why = match flag {
        "-w" | "--jenkins-war" | "-jv" | "--jenkins-version" | "-m" | "--mirror"
        | "--plugins" | "--jenkinsHome" | "--runHome" | "--withInitHooks" | "--skipShutdown"
        | "--libPath" | "--httpPort" | "--httpPath" | "--openWebUI" | "--waitOnExit"
        | "--agentPort" | "--cli" => NO_EMBEDDED_JENKINS.to_owned(),
        "--scm" => "jfrun runs the Jenkinsfile of the checkout it is in, with that checkout as `scm`: clone the repository and run jfrun there".to_owned(),
        "-jte" | "--jenkins-templating-engine" | "-pc" | "--pipeline-configuration" => {
            "jfrun does not run the Jenkins Templating Engine".to_owned()
        }
        "-nbl" | "--no-build-logs" | "-wlit" | "--write-log-init-timeout" => {
            "jfrun writes the build log to standard output as the build runs; redirect it, or use --format json for a stream of events".to_owned()
        }
        _ => return None,
    };
    Some(format!(
        "{flag} (a jenkinsfile-runner flag) is not supported: {why}"
    ))
}

/// Rewrites `args` (program name, subcommand, then its arguments) for clap, or says which
/// jenkinsfile-runner flag cannot be honoured. Only `run`'s arguments are looked at.
pub(super) fn translate(args: Vec<OsString>) -> Result<Vec<OsString>, String> {
    if args.get(1).and_then(|a| a.to_str()) != Some("run") {
        return Ok(args);
    }
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter().enumerate().peekable();
    while let Some((i, arg)) = iter.next() {
        let Some(text) = arg.to_str().filter(|_| i >= 2) else {
            out.push(arg);
            continue;
        };
        if text == "--" {
            out.push(arg);
            out.extend(iter.map(|(_, a)| a));
            break;
        }
        let flag = text.split_once('=').map_or(text, |(f, _)| f);
        if let Some(why) = refusal(flag) {
            return Err(why);
        }
        match text {
            "-ns" => out.push("--no-sandbox".into()),
            // jenkinsfile-runner's `-p` names the plugin folder; jfrun's takes NAME=VALUE.
            "-p" => {
                let value = iter.peek().and_then(|(_, v)| v.to_str());
                if value.is_some_and(|v| !v.contains('=')) {
                    return Err(format!(
                        "-p {} looks like jenkinsfile-runner's plugin folder: {NO_EMBEDDED_JENKINS}. jfrun's -p takes a parameter, NAME=VALUE",
                        value.unwrap_or_default()
                    ));
                }
                out.push(arg);
            }
            _ => out.push(arg),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn multi_letter_flags_become_long_ones_and_embedded_jenkins_flags_are_refused() {
        assert_eq!(
            translate(args(&["jfrun", "run", "-ns", "-a", "X=1"])).expect("translates"),
            args(&["jfrun", "run", "--no-sandbox", "-a", "X=1"])
        );
        assert_eq!(
            translate(args(&["jfrun", "run", "-p", "X=1"])).expect("a parameter"),
            args(&["jfrun", "run", "-p", "X=1"])
        );
        for refused in [
            &["jfrun", "run", "-w", "/app/jenkins"][..],
            &["jfrun", "run", "-p", "/usr/share/jenkins/ref/plugins"],
            &["jfrun", "run", "--jenkinsHome=/tmp/jh"],
            &["jfrun", "run", "-jte"],
            &["jfrun", "run", "--scm", "scm.yml"],
        ] {
            let e = translate(args(refused)).expect_err("refused");
            assert!(
                e.contains("is not supported") || e.contains("plugin folder"),
                "{e}"
            );
        }
        // Other commands and values after `--` are left alone.
        assert_eq!(
            translate(args(&["jfrun", "lint", "-w"])).expect("untouched"),
            args(&["jfrun", "lint", "-w"])
        );
    }
}
