//! The CI system a run happens inside, and what it says about the build, in the words of
//! Jenkins' multibranch jobs: `BRANCH_NAME` (`PR-<n>` for a pull request, `MR-<n>` for a
//! GitLab merge request, as Jenkins' branch sources name them), `CHANGE_*` for a change
//! request, `TAG_NAME` for a tag, and the build's number, URL, job name and commit. With these
//! in the environment, `when { branch / changeRequest() / buildingTag() / tag }` decide as
//! they would in a multibranch job.

use indexmap::IndexMap;

pub mod output;

/// The CI systems jfrun recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum System {
    /// GitHub Actions (`GITHUB_ACTIONS=true`).
    GitHubActions,
    /// GitLab CI/CD (`GITLAB_CI=true`).
    GitLab,
    /// Bitbucket Pipelines (`BITBUCKET_BUILD_NUMBER`).
    Bitbucket,
    /// Azure Pipelines (`TF_BUILD=True`).
    Azure,
    /// CircleCI (`CIRCLECI=true`).
    CircleCi,
    /// Buildkite (`BUILDKITE=true`).
    Buildkite,
    /// Woodpecker (`CI=woodpecker`).
    Woodpecker,
    /// Drone (`DRONE=true`).
    Drone,
    /// Another CI system (`CI=true`): branch and commit come from git.
    Generic,
}

impl System {
    /// Its name, for people.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            System::GitHubActions => "GitHub Actions",
            System::GitLab => "GitLab CI",
            System::Bitbucket => "Bitbucket Pipelines",
            System::Azure => "Azure Pipelines",
            System::CircleCi => "CircleCI",
            System::Buildkite => "Buildkite",
            System::Woodpecker => "Woodpecker",
            System::Drone => "Drone",
            System::Generic => "a CI system (CI=true)",
        }
    }
}

/// What triggered the build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// The change request's number.
    pub id: String,
    /// The branch it merges into.
    pub target: Option<String>,
    /// The branch it comes from.
    pub branch: Option<String>,
    /// Its web page.
    pub url: Option<String>,
    /// Who opened it.
    pub author: Option<String>,
    /// Its title.
    pub title: Option<String>,
}

/// What the CI says about the build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    /// The CI system.
    pub system: System,
    /// Jenkins' variables, in the order they are listed.
    pub vars: IndexMap<String, String>,
}

impl Detected {
    /// A variable's value.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// The build number, when the CI gives one.
    #[must_use]
    pub fn build_number(&self) -> Option<u64> {
        self.get("BUILD_NUMBER")?.parse().ok()
    }
}

/// The facts every CI gives in its own words, before they become Jenkins' variables.
#[derive(Default)]
struct Facts {
    branch: Option<String>,
    tag: Option<String>,
    change: Option<Change>,
    /// `PR` or `MR`: how the branch source names a change request's branch.
    change_prefix: &'static str,
    number: Option<String>,
    url: Option<String>,
    /// The repository's path (`owner/name`): the job's folder.
    repository: Option<String>,
    commit: Option<String>,
    git_url: Option<String>,
}

impl Facts {
    fn into_vars(self) -> IndexMap<String, String> {
        let mut vars = IndexMap::new();
        let mut set = |k: &str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                vars.insert(k.to_owned(), v);
            }
        };
        let branch_name = match (&self.change, &self.tag) {
            (Some(c), _) => Some(format!("{}-{}", self.change_prefix, c.id)),
            (None, Some(t)) => Some(t.clone()),
            (None, None) => self.branch.clone(),
        };
        set("BRANCH_NAME", branch_name.clone());
        if let Some(c) = self.change {
            set("CHANGE_ID", Some(c.id));
            set("CHANGE_TARGET", c.target);
            set("CHANGE_BRANCH", c.branch);
            set("CHANGE_URL", c.url);
            set("CHANGE_AUTHOR", c.author);
            set("CHANGE_TITLE", c.title);
        }
        set("TAG_NAME", self.tag);
        set("BUILD_NUMBER", self.number.clone());
        set("BUILD_ID", self.number);
        set("BUILD_URL", self.url);
        let job = match (&self.repository, &branch_name) {
            (Some(r), Some(b)) => Some(format!("{r}/{b}")),
            (Some(r), None) => Some(r.clone()),
            (None, _) => None,
        };
        set("JOB_NAME", job);
        set("JOB_BASE_NAME", branch_name.clone());
        set("GIT_COMMIT", self.commit);
        set("GIT_BRANCH", branch_name);
        set("GIT_URL", self.git_url);
        vars
    }
}

/// The CI system `env` (a variable's value, or `None`) describes, and Jenkins' variables for
/// the build; `None` outside CI. `read` reads a file the CI names (GitHub's event payload).
pub fn detect(
    env: &dyn Fn(&str) -> Option<String>,
    read: &dyn Fn(&str) -> Option<String>,
) -> Option<Detected> {
    let get = |k: &str| env(k).filter(|v| !v.is_empty());
    let is = |k: &str, v: &str| get(k).is_some_and(|x| x.eq_ignore_ascii_case(v));
    let (system, facts) = if is("GITHUB_ACTIONS", "true") {
        (System::GitHubActions, github(&get, read))
    } else if is("GITLAB_CI", "true") {
        (System::GitLab, gitlab(&get))
    } else if get("BITBUCKET_BUILD_NUMBER").is_some() {
        (System::Bitbucket, bitbucket(&get))
    } else if is("TF_BUILD", "true") {
        (System::Azure, azure(&get))
    } else if is("CIRCLECI", "true") {
        (System::CircleCi, circleci(&get))
    } else if is("BUILDKITE", "true") {
        (System::Buildkite, buildkite(&get))
    } else if is("CI", "woodpecker") {
        (System::Woodpecker, woodpecker(&get))
    } else if is("DRONE", "true") {
        (System::Drone, drone(&get))
    } else if get("CI").is_some_and(|v| v != "false" && v != "0") {
        (System::Generic, Facts::default())
    } else {
        return None;
    };
    Some(Detected {
        system,
        vars: facts.into_vars(),
    })
}

/// [`detect`] on this process's environment and files.
#[must_use]
pub fn from_process() -> Option<Detected> {
    detect(&|k| std::env::var(k).ok(), &|p| {
        std::fs::read_to_string(p).ok()
    })
}

type Get<'e> = dyn Fn(&str) -> Option<String> + 'e;

/// `refs/heads/x` → `x` (and `x` as it is).
fn strip_heads(r: &str) -> String {
    r.strip_prefix("refs/heads/").unwrap_or(r).to_owned()
}

/// The web page of a repository from its clone URL (`git@host:o/r.git`,
/// `https://host/o/r.git`).
fn web_url(clone: &str) -> String {
    let s = clone.trim_end_matches(".git");
    if let Some(rest) = s.strip_prefix("git@") {
        return format!("https://{}", rest.replacen(':', "/", 1));
    }
    if let Some(rest) = s.strip_prefix("ssh://git@") {
        return format!("https://{rest}");
    }
    s.to_owned()
}

fn github(get: &Get<'_>, read: &dyn Fn(&str) -> Option<String>) -> Facts {
    let server = get("GITHUB_SERVER_URL").unwrap_or_else(|| "https://github.com".to_owned());
    let repository = get("GITHUB_REPOSITORY");
    let repo_url = repository.as_ref().map(|r| format!("{server}/{r}"));
    let git_ref = get("GITHUB_REF").unwrap_or_default();
    let event: serde_json::Value = get("GITHUB_EVENT_PATH")
        .and_then(|p| read(&p))
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let mut f = Facts {
        change_prefix: "PR",
        number: get("GITHUB_RUN_NUMBER"),
        url: match (&repo_url, get("GITHUB_RUN_ID")) {
            (Some(r), Some(id)) => Some(format!("{r}/actions/runs/{id}")),
            _ => None,
        },
        repository: repository.clone(),
        commit: get("GITHUB_SHA"),
        git_url: repo_url.as_ref().map(|r| format!("{r}.git")),
        ..Facts::default()
    };
    if let Some(rest) = git_ref.strip_prefix("refs/pull/") {
        let id = rest.split('/').next().unwrap_or_default().to_owned();
        let pr = &event["pull_request"];
        f.change = Some(Change {
            url: pr["html_url"]
                .as_str()
                .map(str::to_owned)
                .or_else(|| repo_url.as_ref().map(|r| format!("{r}/pull/{id}"))),
            target: get("GITHUB_BASE_REF"),
            branch: get("GITHUB_HEAD_REF"),
            author: pr["user"]["login"]
                .as_str()
                .map(str::to_owned)
                .or_else(|| get("GITHUB_ACTOR")),
            title: pr["title"].as_str().map(str::to_owned),
            id,
        });
    } else if let Some(tag) = git_ref.strip_prefix("refs/tags/") {
        f.tag = Some(tag.to_owned());
    } else if let Some(branch) = git_ref.strip_prefix("refs/heads/") {
        f.branch = Some(branch.to_owned());
    } else {
        f.branch = get("GITHUB_REF_NAME");
    }
    f
}

fn gitlab(get: &Get<'_>) -> Facts {
    let project_url = get("CI_PROJECT_URL");
    let mut f = Facts {
        change_prefix: "MR",
        number: get("CI_PIPELINE_IID"),
        url: get("CI_PIPELINE_URL"),
        repository: get("CI_PROJECT_PATH"),
        commit: get("CI_COMMIT_SHA"),
        // CI_REPOSITORY_URL carries a job token: the project's URL does not.
        git_url: project_url.as_ref().map(|u| format!("{u}.git")),
        ..Facts::default()
    };
    if let Some(id) = get("CI_MERGE_REQUEST_IID") {
        let mr_project = get("CI_MERGE_REQUEST_PROJECT_URL").or(project_url);
        f.change = Some(Change {
            url: mr_project.map(|u| format!("{u}/-/merge_requests/{id}")),
            target: get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"),
            branch: get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"),
            author: get("GITLAB_USER_LOGIN"),
            title: get("CI_MERGE_REQUEST_TITLE"),
            id,
        });
    } else if let Some(tag) = get("CI_COMMIT_TAG") {
        f.tag = Some(tag);
    } else {
        f.branch = get("CI_COMMIT_BRANCH").or_else(|| get("CI_COMMIT_REF_NAME"));
    }
    f
}

fn bitbucket(get: &Get<'_>) -> Facts {
    let origin = get("BITBUCKET_GIT_HTTP_ORIGIN");
    let number = get("BITBUCKET_BUILD_NUMBER");
    let mut f = Facts {
        change_prefix: "PR",
        url: match (&origin, &number) {
            (Some(o), Some(n)) => Some(format!("{o}/addon/pipelines/home#!/results/{n}")),
            _ => None,
        },
        number,
        repository: get("BITBUCKET_REPO_FULL_NAME"),
        commit: get("BITBUCKET_COMMIT"),
        git_url: origin.as_ref().map(|o| format!("{o}.git")),
        ..Facts::default()
    };
    if let Some(id) = get("BITBUCKET_PR_ID") {
        f.change = Some(Change {
            url: origin.map(|o| format!("{o}/pull-requests/{id}")),
            target: get("BITBUCKET_PR_DESTINATION_BRANCH"),
            branch: get("BITBUCKET_BRANCH"),
            id,
            ..Change::default()
        });
    } else if let Some(tag) = get("BITBUCKET_TAG") {
        f.tag = Some(tag);
    } else {
        f.branch = get("BITBUCKET_BRANCH");
    }
    f
}

fn azure(get: &Get<'_>) -> Facts {
    let id = get("BUILD_BUILDID");
    let repo_uri = get("BUILD_REPOSITORY_URI");
    let mut f = Facts {
        change_prefix: "PR",
        url: match (get("SYSTEM_COLLECTIONURI"), get("SYSTEM_TEAMPROJECT"), &id) {
            (Some(c), Some(p), Some(id)) => Some(format!(
                "{}/{p}/_build/results?buildId={id}",
                c.trim_end_matches('/')
            )),
            _ => None,
        },
        number: id,
        repository: get("BUILD_REPOSITORY_NAME"),
        commit: get("BUILD_SOURCEVERSION"),
        git_url: repo_uri.clone(),
        ..Facts::default()
    };
    let source = get("BUILD_SOURCEBRANCH").unwrap_or_default();
    let pr_id = get("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER")
        .or_else(|| get("SYSTEM_PULLREQUEST_PULLREQUESTID"));
    if let Some(id) = pr_id {
        let github = get("BUILD_REPOSITORY_PROVIDER").is_some_and(|p| p == "GitHub");
        f.change = Some(Change {
            url: repo_uri.map(|u| {
                let web = web_url(&u);
                if github {
                    format!("{web}/pull/{id}")
                } else {
                    format!("{web}/pullrequest/{id}")
                }
            }),
            target: get("SYSTEM_PULLREQUEST_TARGETBRANCH").map(|b| strip_heads(&b)),
            branch: get("SYSTEM_PULLREQUEST_SOURCEBRANCH").map(|b| strip_heads(&b)),
            author: get("BUILD_REQUESTEDFOR"),
            id,
            ..Change::default()
        });
    } else if let Some(tag) = source.strip_prefix("refs/tags/") {
        f.tag = Some(tag.to_owned());
    } else if !source.is_empty() {
        f.branch = Some(strip_heads(&source));
    }
    f
}

fn circleci(get: &Get<'_>) -> Facts {
    let clone = get("CIRCLE_REPOSITORY_URL");
    let mut f = Facts {
        change_prefix: "PR",
        number: get("CIRCLE_BUILD_NUM"),
        url: get("CIRCLE_BUILD_URL"),
        repository: match (
            get("CIRCLE_PROJECT_USERNAME"),
            get("CIRCLE_PROJECT_REPONAME"),
        ) {
            (Some(o), Some(r)) => Some(format!("{o}/{r}")),
            _ => None,
        },
        commit: get("CIRCLE_SHA1"),
        git_url: clone,
        ..Facts::default()
    };
    // CIRCLE_PULL_REQUEST is the pull request's page; its number ends it.
    let pr_url = get("CIRCLE_PULL_REQUEST");
    let pr_id = get("CIRCLE_PR_NUMBER").or_else(|| {
        pr_url
            .as_ref()
            .and_then(|u| u.rsplit('/').next().map(str::to_owned))
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
    });
    if let Some(id) = pr_id {
        f.change = Some(Change {
            url: pr_url,
            branch: get("CIRCLE_BRANCH"),
            author: get("CIRCLE_PR_USERNAME").or_else(|| get("CIRCLE_USERNAME")),
            id,
            ..Change::default()
        });
    } else if let Some(tag) = get("CIRCLE_TAG") {
        f.tag = Some(tag);
    } else {
        f.branch = get("CIRCLE_BRANCH");
    }
    f
}

fn buildkite(get: &Get<'_>) -> Facts {
    let repo = get("BUILDKITE_REPO");
    let mut f = Facts {
        change_prefix: "PR",
        number: get("BUILDKITE_BUILD_NUMBER"),
        url: get("BUILDKITE_BUILD_URL"),
        repository: match (
            get("BUILDKITE_ORGANIZATION_SLUG"),
            get("BUILDKITE_PIPELINE_SLUG"),
        ) {
            (Some(o), Some(p)) => Some(format!("{o}/{p}")),
            (None, p) => p,
            (o, None) => o,
        },
        commit: get("BUILDKITE_COMMIT"),
        git_url: repo.clone(),
        ..Facts::default()
    };
    let pr = get("BUILDKITE_PULL_REQUEST").filter(|p| p != "false");
    if let Some(id) = pr {
        f.change = Some(Change {
            url: repo.map(|r| format!("{}/pull/{id}", web_url(&r))),
            target: get("BUILDKITE_PULL_REQUEST_BASE_BRANCH"),
            branch: get("BUILDKITE_BRANCH"),
            author: get("BUILDKITE_BUILD_AUTHOR"),
            id,
            ..Change::default()
        });
    } else if let Some(tag) = get("BUILDKITE_TAG") {
        f.tag = Some(tag);
    } else {
        f.branch = get("BUILDKITE_BRANCH");
    }
    f
}

fn woodpecker(get: &Get<'_>) -> Facts {
    let mut f = Facts {
        change_prefix: "PR",
        number: get("CI_PIPELINE_NUMBER"),
        url: get("CI_PIPELINE_URL"),
        repository: get("CI_REPO"),
        commit: get("CI_COMMIT_SHA"),
        git_url: get("CI_REPO_CLONE_URL"),
        ..Facts::default()
    };
    let event = get("CI_PIPELINE_EVENT").unwrap_or_default();
    match (
        event.as_str(),
        get("CI_COMMIT_PULL_REQUEST"),
        get("CI_COMMIT_TAG"),
    ) {
        ("pull_request" | "pull_request_closed", Some(id), _) => {
            f.change = Some(Change {
                url: get("CI_REPO_URL").map(|u| format!("{u}/pull/{id}")),
                target: get("CI_COMMIT_TARGET_BRANCH"),
                branch: get("CI_COMMIT_SOURCE_BRANCH"),
                author: get("CI_COMMIT_AUTHOR"),
                id,
                ..Change::default()
            });
        }
        (_, _, Some(tag)) => f.tag = Some(tag),
        _ => f.branch = get("CI_COMMIT_BRANCH"),
    }
    f
}

fn drone(get: &Get<'_>) -> Facts {
    let mut f = Facts {
        change_prefix: "PR",
        number: get("DRONE_BUILD_NUMBER"),
        url: get("DRONE_BUILD_LINK"),
        repository: get("DRONE_REPO"),
        commit: get("DRONE_COMMIT_SHA"),
        git_url: get("DRONE_GIT_HTTP_URL"),
        ..Facts::default()
    };
    if let Some(id) = get("DRONE_PULL_REQUEST") {
        f.change = Some(Change {
            url: get("DRONE_REPO_LINK").map(|u| format!("{u}/pull/{id}")),
            target: get("DRONE_TARGET_BRANCH"),
            branch: get("DRONE_SOURCE_BRANCH"),
            author: get("DRONE_COMMIT_AUTHOR"),
            title: get("DRONE_PULL_REQUEST_TITLE"),
            id,
        });
    } else if let Some(tag) = get("DRONE_TAG") {
        f.tag = Some(tag);
    } else {
        f.branch = get("DRONE_BRANCH");
    }
    f
}

/// The variables by which jfrun recognises a CI system.
pub const DETECTION_VARIABLES: &[&str] = &[
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "BITBUCKET_BUILD_NUMBER",
    "TF_BUILD",
    "CIRCLECI",
    "BUILDKITE",
    "DRONE",
    "CI",
];

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;

    /// Each CI's variables for a push, a tag and a pull (merge) request, with the values of
    /// the examples in its documentation; GitHub's pull request also has its event payload.
    const CASES: &[(&str, &str)] = &[
        (
            "github push",
            "GITHUB_ACTIONS=true GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main GITHUB_REF_NAME=main GITHUB_REF_TYPE=branch GITHUB_SHA=ffac537e6cbbf934b08745a378932722df287a53 GITHUB_REPOSITORY=octocat/Hello-World GITHUB_SERVER_URL=https://github.com GITHUB_RUN_ID=1658821493 GITHUB_RUN_NUMBER=3 GITHUB_ACTOR=octocat",
        ),
        (
            "github tag",
            "GITHUB_ACTIONS=true GITHUB_EVENT_NAME=push GITHUB_REF=refs/tags/v1.2.0 GITHUB_REF_NAME=v1.2.0 GITHUB_REF_TYPE=tag GITHUB_SHA=ffac537e6cbbf934b08745a378932722df287a53 GITHUB_REPOSITORY=octocat/Hello-World GITHUB_SERVER_URL=https://github.com GITHUB_RUN_ID=1658821494 GITHUB_RUN_NUMBER=4 GITHUB_ACTOR=octocat",
        ),
        (
            "github pull request",
            "GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_REF=refs/pull/1347/merge GITHUB_REF_NAME=1347/merge GITHUB_HEAD_REF=new-topic GITHUB_BASE_REF=main GITHUB_SHA=6dcb09b5b57875f334f61aebed695e2e4193db5e GITHUB_REPOSITORY=octocat/Hello-World GITHUB_SERVER_URL=https://github.com GITHUB_RUN_ID=1658821495 GITHUB_RUN_NUMBER=5 GITHUB_ACTOR=hubot GITHUB_EVENT_PATH=/github/workflow/event.json",
        ),
        (
            "gitlab push",
            "GITLAB_CI=true CI=true CI_PIPELINE_IID=42 CI_PIPELINE_URL=https://gitlab.example.com/gitlab-org/gitlab-foss/-/pipelines/1234 CI_PROJECT_PATH=gitlab-org/gitlab-foss CI_PROJECT_URL=https://gitlab.example.com/gitlab-org/gitlab-foss CI_COMMIT_SHA=1ecfd275763eff1d6b4844ea3168962458c9f27a CI_COMMIT_BRANCH=main CI_COMMIT_REF_NAME=main CI_REPOSITORY_URL=https://gitlab-ci-token:[MASKED]@gitlab.example.com/gitlab-org/gitlab-foss.git GITLAB_USER_LOGIN=root",
        ),
        (
            "gitlab tag",
            "GITLAB_CI=true CI=true CI_PIPELINE_IID=43 CI_PIPELINE_URL=https://gitlab.example.com/gitlab-org/gitlab-foss/-/pipelines/1235 CI_PROJECT_PATH=gitlab-org/gitlab-foss CI_PROJECT_URL=https://gitlab.example.com/gitlab-org/gitlab-foss CI_COMMIT_SHA=1ecfd275763eff1d6b4844ea3168962458c9f27a CI_COMMIT_TAG=v1.0.0 CI_COMMIT_REF_NAME=v1.0.0 GITLAB_USER_LOGIN=root",
        ),
        (
            "gitlab merge request",
            "GITLAB_CI=true CI=true CI_PIPELINE_IID=44 CI_PIPELINE_URL=https://gitlab.example.com/gitlab-org/gitlab-foss/-/pipelines/1236 CI_PROJECT_PATH=gitlab-org/gitlab-foss CI_PROJECT_URL=https://gitlab.example.com/gitlab-org/gitlab-foss CI_COMMIT_SHA=1ecfd275763eff1d6b4844ea3168962458c9f27a CI_COMMIT_REF_NAME=feature CI_MERGE_REQUEST_IID=7 CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=feature CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main CI_MERGE_REQUEST_TITLE=Add_the_feature CI_MERGE_REQUEST_PROJECT_URL=https://gitlab.example.com/gitlab-org/gitlab-foss GITLAB_USER_LOGIN=jdoe",
        ),
        (
            "bitbucket push",
            "CI=true BITBUCKET_BUILD_NUMBER=12 BITBUCKET_BRANCH=main BITBUCKET_COMMIT=7f777ed95a19224294949e1b4ce56bbffcb1fe9f BITBUCKET_REPO_FULL_NAME=acme/app BITBUCKET_GIT_HTTP_ORIGIN=https://bitbucket.org/acme/app",
        ),
        (
            "bitbucket tag",
            "CI=true BITBUCKET_BUILD_NUMBER=13 BITBUCKET_TAG=v2.0 BITBUCKET_COMMIT=7f777ed95a19224294949e1b4ce56bbffcb1fe9f BITBUCKET_REPO_FULL_NAME=acme/app BITBUCKET_GIT_HTTP_ORIGIN=https://bitbucket.org/acme/app",
        ),
        (
            "bitbucket pull request",
            "CI=true BITBUCKET_BUILD_NUMBER=14 BITBUCKET_BRANCH=feature/login BITBUCKET_PR_ID=21 BITBUCKET_PR_DESTINATION_BRANCH=main BITBUCKET_COMMIT=7f777ed95a19224294949e1b4ce56bbffcb1fe9f BITBUCKET_REPO_FULL_NAME=acme/app BITBUCKET_GIT_HTTP_ORIGIN=https://bitbucket.org/acme/app",
        ),
        (
            "azure push",
            "TF_BUILD=True BUILD_BUILDID=1024 BUILD_BUILDNUMBER=20241128.3 BUILD_SOURCEBRANCH=refs/heads/main BUILD_SOURCEBRANCHNAME=main BUILD_SOURCEVERSION=91f2a8cbd6b4b1c2b8a8e8b2b1c2d3e4f5a6b7c8 BUILD_REPOSITORY_NAME=Fabrikam BUILD_REPOSITORY_URI=https://dev.azure.com/fabrikamfiber/_git/Fabrikam BUILD_REPOSITORY_PROVIDER=TfsGit SYSTEM_COLLECTIONURI=https://dev.azure.com/fabrikamfiber/ SYSTEM_TEAMPROJECT=FabrikamFiber BUILD_REQUESTEDFOR=Mona",
        ),
        (
            "azure tag",
            "TF_BUILD=True BUILD_BUILDID=1025 BUILD_SOURCEBRANCH=refs/tags/v3.1 BUILD_SOURCEBRANCHNAME=v3.1 BUILD_SOURCEVERSION=91f2a8cbd6b4b1c2b8a8e8b2b1c2d3e4f5a6b7c8 BUILD_REPOSITORY_NAME=Fabrikam BUILD_REPOSITORY_URI=https://dev.azure.com/fabrikamfiber/_git/Fabrikam BUILD_REPOSITORY_PROVIDER=TfsGit SYSTEM_COLLECTIONURI=https://dev.azure.com/fabrikamfiber/ SYSTEM_TEAMPROJECT=FabrikamFiber",
        ),
        (
            "azure pull request",
            "TF_BUILD=True BUILD_BUILDID=1026 BUILD_SOURCEBRANCH=refs/pull/17/merge BUILD_SOURCEVERSION=91f2a8cbd6b4b1c2b8a8e8b2b1c2d3e4f5a6b7c8 BUILD_REPOSITORY_NAME=fabrikam/app BUILD_REPOSITORY_URI=https://github.com/fabrikam/app BUILD_REPOSITORY_PROVIDER=GitHub SYSTEM_COLLECTIONURI=https://dev.azure.com/fabrikamfiber/ SYSTEM_TEAMPROJECT=FabrikamFiber SYSTEM_PULLREQUEST_PULLREQUESTNUMBER=17 SYSTEM_PULLREQUEST_PULLREQUESTID=889 SYSTEM_PULLREQUEST_SOURCEBRANCH=feature SYSTEM_PULLREQUEST_TARGETBRANCH=refs/heads/main BUILD_REQUESTEDFOR=Mona",
        ),
        (
            "circleci push",
            "CI=true CIRCLECI=true CIRCLE_BUILD_NUM=301 CIRCLE_BUILD_URL=https://circleci.com/gh/acme/app/301 CIRCLE_BRANCH=main CIRCLE_SHA1=0a1b2c3d4e5f60718293a4b5c6d7e8f901234567 CIRCLE_REPOSITORY_URL=git@github.com:acme/app.git CIRCLE_PROJECT_USERNAME=acme CIRCLE_PROJECT_REPONAME=app CIRCLE_USERNAME=mona",
        ),
        (
            "circleci tag",
            "CI=true CIRCLECI=true CIRCLE_BUILD_NUM=302 CIRCLE_BUILD_URL=https://circleci.com/gh/acme/app/302 CIRCLE_TAG=v0.9.0 CIRCLE_SHA1=0a1b2c3d4e5f60718293a4b5c6d7e8f901234567 CIRCLE_REPOSITORY_URL=git@github.com:acme/app.git CIRCLE_PROJECT_USERNAME=acme CIRCLE_PROJECT_REPONAME=app",
        ),
        (
            "circleci pull request",
            "CI=true CIRCLECI=true CIRCLE_BUILD_NUM=303 CIRCLE_BUILD_URL=https://circleci.com/gh/acme/app/303 CIRCLE_BRANCH=pull/88 CIRCLE_PULL_REQUEST=https://github.com/acme/app/pull/88 CIRCLE_SHA1=0a1b2c3d4e5f60718293a4b5c6d7e8f901234567 CIRCLE_REPOSITORY_URL=git@github.com:acme/app.git CIRCLE_PROJECT_USERNAME=acme CIRCLE_PROJECT_REPONAME=app CIRCLE_USERNAME=mona",
        ),
        (
            "buildkite push",
            "CI=true BUILDKITE=true BUILDKITE_BUILD_NUMBER=1514 BUILDKITE_BUILD_URL=https://buildkite.com/acme-inc/my-project/builds/1514 BUILDKITE_BRANCH=main BUILDKITE_COMMIT=83a20ec058e2fb00e7fa4558c4c6e81e2dcf253d BUILDKITE_REPO=git@github.com:acme-inc/my-project.git BUILDKITE_ORGANIZATION_SLUG=acme-inc BUILDKITE_PIPELINE_SLUG=my-project BUILDKITE_PULL_REQUEST=false BUILDKITE_BUILD_AUTHOR=Keith",
        ),
        (
            "buildkite tag",
            "CI=true BUILDKITE=true BUILDKITE_BUILD_NUMBER=1515 BUILDKITE_BUILD_URL=https://buildkite.com/acme-inc/my-project/builds/1515 BUILDKITE_BRANCH=v1.0 BUILDKITE_TAG=v1.0 BUILDKITE_COMMIT=83a20ec058e2fb00e7fa4558c4c6e81e2dcf253d BUILDKITE_REPO=git@github.com:acme-inc/my-project.git BUILDKITE_ORGANIZATION_SLUG=acme-inc BUILDKITE_PIPELINE_SLUG=my-project BUILDKITE_PULL_REQUEST=false",
        ),
        (
            "buildkite pull request",
            "CI=true BUILDKITE=true BUILDKITE_BUILD_NUMBER=1516 BUILDKITE_BUILD_URL=https://buildkite.com/acme-inc/my-project/builds/1516 BUILDKITE_BRANCH=fix-login BUILDKITE_COMMIT=83a20ec058e2fb00e7fa4558c4c6e81e2dcf253d BUILDKITE_REPO=git@github.com:acme-inc/my-project.git BUILDKITE_ORGANIZATION_SLUG=acme-inc BUILDKITE_PIPELINE_SLUG=my-project BUILDKITE_PULL_REQUEST=123 BUILDKITE_PULL_REQUEST_BASE_BRANCH=main BUILDKITE_BUILD_AUTHOR=Keith",
        ),
        (
            "woodpecker push",
            "CI=woodpecker CI_PIPELINE_NUMBER=8 CI_PIPELINE_EVENT=push CI_PIPELINE_URL=https://ci.example.com/repos/7/pipeline/8 CI_REPO=john-doe/my-repo CI_REPO_URL=https://git.example.com/john-doe/my-repo CI_REPO_CLONE_URL=https://git.example.com/john-doe/my-repo.git CI_COMMIT_SHA=eba09b46064473a1d345da7abf28b477468e8dbd CI_COMMIT_BRANCH=main CI_COMMIT_AUTHOR=john-doe",
        ),
        (
            "woodpecker tag",
            "CI=woodpecker CI_PIPELINE_NUMBER=9 CI_PIPELINE_EVENT=tag CI_PIPELINE_URL=https://ci.example.com/repos/7/pipeline/9 CI_REPO=john-doe/my-repo CI_REPO_URL=https://git.example.com/john-doe/my-repo CI_REPO_CLONE_URL=https://git.example.com/john-doe/my-repo.git CI_COMMIT_SHA=eba09b46064473a1d345da7abf28b477468e8dbd CI_COMMIT_TAG=v1.10.3",
        ),
        (
            "woodpecker pull request",
            "CI=woodpecker CI_PIPELINE_NUMBER=10 CI_PIPELINE_EVENT=pull_request CI_PIPELINE_URL=https://ci.example.com/repos/7/pipeline/10 CI_REPO=john-doe/my-repo CI_REPO_URL=https://git.example.com/john-doe/my-repo CI_REPO_CLONE_URL=https://git.example.com/john-doe/my-repo.git CI_COMMIT_SHA=eba09b46064473a1d345da7abf28b477468e8dbd CI_COMMIT_BRANCH=main CI_COMMIT_PULL_REQUEST=1 CI_COMMIT_SOURCE_BRANCH=new-feature CI_COMMIT_TARGET_BRANCH=main CI_COMMIT_AUTHOR=john-doe",
        ),
        (
            "drone push",
            "CI=true DRONE=true DRONE_BUILD_NUMBER=22 DRONE_BUILD_EVENT=push DRONE_BUILD_LINK=https://drone.company.com/octocat/hello-world/22 DRONE_REPO=octocat/hello-world DRONE_REPO_LINK=https://github.com/octocat/hello-world DRONE_GIT_HTTP_URL=https://github.com/octocat/hello-world.git DRONE_COMMIT_SHA=bcdd4bf0245c82c060407b3b24b9b87301d15ac1 DRONE_BRANCH=master DRONE_COMMIT_AUTHOR=octocat",
        ),
        (
            "drone tag",
            "CI=true DRONE=true DRONE_BUILD_NUMBER=23 DRONE_BUILD_EVENT=tag DRONE_BUILD_LINK=https://drone.company.com/octocat/hello-world/23 DRONE_REPO=octocat/hello-world DRONE_REPO_LINK=https://github.com/octocat/hello-world DRONE_GIT_HTTP_URL=https://github.com/octocat/hello-world.git DRONE_COMMIT_SHA=bcdd4bf0245c82c060407b3b24b9b87301d15ac1 DRONE_TAG=v1.0.0",
        ),
        (
            "drone pull request",
            "CI=true DRONE=true DRONE_BUILD_NUMBER=24 DRONE_BUILD_EVENT=pull_request DRONE_BUILD_LINK=https://drone.company.com/octocat/hello-world/24 DRONE_REPO=octocat/hello-world DRONE_REPO_LINK=https://github.com/octocat/hello-world DRONE_GIT_HTTP_URL=https://github.com/octocat/hello-world.git DRONE_COMMIT_SHA=bcdd4bf0245c82c060407b3b24b9b87301d15ac1 DRONE_BRANCH=master DRONE_PULL_REQUEST=42 DRONE_SOURCE_BRANCH=feature/fix DRONE_TARGET_BRANCH=master DRONE_PULL_REQUEST_TITLE=Fix_the_bug DRONE_COMMIT_AUTHOR=octocat",
        ),
        ("generic", "CI=true"),
    ];

    /// GitHub's `pull_request` event payload, as its documentation shows it (trimmed).
    const GITHUB_EVENT: &str = r#"{"action":"opened","number":1347,"pull_request":{"html_url":"https://github.com/octocat/Hello-World/pull/1347","number":1347,"title":"Amazing new feature","user":{"login":"octocat"}}}"#;

    fn detect_case(vars: &str) -> Option<Detected> {
        let env: IndexMap<&str, String> = vars
            .split_whitespace()
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k, v.to_owned()))
            .collect();
        let get = |k: &str| {
            env.get(k).map(|v| {
                // Titles are written with `_` for spaces in the table.
                if k.ends_with("TITLE") {
                    v.replace('_', " ")
                } else {
                    v.clone()
                }
            })
        };
        let read = |p: &str| (p == "/github/workflow/event.json").then(|| GITHUB_EVENT.to_owned());
        detect(&get, &read)
    }

    #[test]
    fn every_ci_maps_push_tag_and_change_request_to_jenkins_variables() {
        let mut out = String::new();
        for (name, vars) in CASES {
            let d = detect_case(vars).expect("detected");
            let _ = writeln!(out, "## {name}: {}", d.system.name());
            for (k, v) in &d.vars {
                let _ = writeln!(out, "{k}={v}");
            }
        }
        insta::assert_snapshot!(out);
    }

    #[test]
    fn outside_ci_nothing_is_detected() {
        assert_eq!(detect_case(""), None);
        assert_eq!(detect_case("CI=false"), None);
    }
}
