//! Pipeline steps: name, parameters, body, docs.
//!
//! Every entry was read off the plugin's Java source: the step class's `@DataBoundConstructor`
//! parameters (`required`), its `@DataBoundSetter` methods and fields, including those it
//! inherits (optional), the descriptor's `getFunctionName()` (or the `@Symbol` of a
//! `SimpleBuildStep`/`SimpleBuildWrapper` reached through the `step`/`wrap` meta-steps) and
//! `takesImplicitBlockArgument()`. Parameter names are the constructor's parameter names and
//! the setters' JavaBeans names, which are what Jenkins binds. A step whose parameters could not
//! all be confirmed is left out: an unknown step is not checked, a wrong one rejects good files.
//!
//! Nested describables are [`Type::Any`] unless their family is defined here ([`family`]):
//! today only `binding`, the credentials bindings of `withCredentials`.

use super::{Block, Describable, Param, Type};

/// A `@DataBoundConstructor` parameter.
const fn req(name: &'static str, ty: Type, doc: &'static str) -> Param {
    Param {
        name,
        ty,
        required: true,
        doc,
        default: None,
    }
}

/// A `@DataBoundSetter` with no default worth saying.
const fn opt(name: &'static str, ty: Type, doc: &'static str) -> Param {
    Param {
        name,
        ty,
        required: false,
        doc,
        default: None,
    }
}

/// A `@DataBoundSetter` with its default, as Groovy text.
const fn def(name: &'static str, ty: Type, default: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        ty,
        required: false,
        doc,
        default: Some(default),
    }
}

/// `java.util.concurrent.TimeUnit`, as `sleep` and `timeout` take it.
const TIME_UNIT: Type = Type::Enum {
    class: "java.util.concurrent.TimeUnit",
    values: &[
        "NANOSECONDS",
        "MICROSECONDS",
        "MILLISECONDS",
        "SECONDS",
        "MINUTES",
        "HOURS",
        "DAYS",
    ],
};

/// `jenkins.plugins.http_request.MimeType`.
const MIME_TYPE: Type = Type::Enum {
    class: "jenkins.plugins.http_request.MimeType",
    values: &[
        "NOT_SET",
        "TEXT_HTML",
        "TEXT_PLAIN",
        "APPLICATION_FORM",
        "APPLICATION_FORM_DATA",
        "APPLICATION_JSON",
        "APPLICATION_JSON_UTF8",
        "APPLICATION_TAR",
        "APPLICATION_ZIP",
        "APPLICATION_OCTETSTREAM",
    ],
};

/// Every step jfrun knows, sorted by name.
pub static STEPS: &[Describable] = &[
    Describable {
        name: "ansiColor",
        summary: "Renders ANSI escape sequences (colours) in the console output of its body.",
        params: &[req(
            "colorMapName",
            Type::String,
            "The colour map: `xterm`, `vga`, `css`, `gnome-terminal`; null for the global default.",
        )],
        block: Block::Required,
        example: "ansiColor('xterm') { sh 'ls --color=always' }",
        plugin: "ansicolor",
    },
    Describable {
        name: "archive",
        summary: "Archives build artifacts (deprecated: use `archiveArtifacts`).",
        params: &[
            req(
                "includes",
                Type::String,
                "Ant-style pattern of the files to archive.",
            ),
            opt(
                "excludes",
                Type::String,
                "Ant-style pattern of files to leave out.",
            ),
        ],
        block: Block::None,
        example: "archive 'target/*.jar'",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "archiveArtifacts",
        summary: "Archives the build artifacts (for example, distribution zip files or jar files).",
        params: &[
            req(
                "artifacts",
                Type::String,
                "Comma-separated Ant-style patterns of the files to archive, relative to the workspace.",
            ),
            def(
                "allowEmptyArchive",
                Type::Bool,
                "false",
                "Do not fail the build when nothing matches.",
            ),
            def(
                "caseSensitive",
                Type::Bool,
                "true",
                "Whether the patterns are case sensitive.",
            ),
            def(
                "defaultExcludes",
                Type::Bool,
                "true",
                "Apply Ant's default excludes (`.git`, `.svn`...).",
            ),
            opt(
                "excludes",
                Type::String,
                "Comma-separated Ant-style patterns of files to leave out.",
            ),
            def(
                "fingerprint",
                Type::Bool,
                "false",
                "Also record fingerprints of the archived files.",
            ),
            def(
                "followSymlinks",
                Type::Bool,
                "true",
                "Follow symbolic links when collecting files.",
            ),
            def(
                "onlyIfSuccessful",
                Type::Bool,
                "false",
                "Archive only when the build is successful.",
            ),
        ],
        block: Block::None,
        example: "archiveArtifacts artifacts: 'build/libs/*.jar', fingerprint: true",
        plugin: "jenkins-core",
    },
    Describable {
        name: "bat",
        summary: "Runs a Windows batch script.",
        params: &[
            req("script", Type::String, "The batch script to run."),
            opt(
                "encoding",
                Type::String,
                "Encoding of the process output; the agent's default when not given.",
            ),
            opt(
                "label",
                Type::String,
                "A label shown for the step in the build's views.",
            ),
            def(
                "returnStatus",
                Type::Bool,
                "false",
                "Return the exit code instead of failing on a non-zero one.",
            ),
            def(
                "returnStdout",
                Type::Bool,
                "false",
                "Return the standard output as the step's value instead of printing it.",
            ),
        ],
        block: Block::None,
        example: "bat 'gradlew.bat build'",
        plugin: "workflow-durable-task-step",
    },
    Describable {
        name: "build",
        summary: "Triggers a build of another job.",
        params: &[
            req(
                "job",
                Type::String,
                "Name of the downstream job, relative or absolute (`../other`, `/folder/job`).",
            ),
            opt(
                "parameters",
                Type::Any,
                "Parameter values for the build: `string(name: ..., value: ...)`, `booleanParam(...)`...",
            ),
            def(
                "propagate",
                Type::Bool,
                "true",
                "Fail this build when the downstream build does not succeed.",
            ),
            opt(
                "quietPeriod",
                Type::Int,
                "Seconds to wait before the build starts; the job's quiet period when not given.",
            ),
            def(
                "wait",
                Type::Bool,
                "true",
                "Wait for the downstream build to complete.",
            ),
            def(
                "waitForStart",
                Type::Bool,
                "false",
                "Wait only until the downstream build starts.",
            ),
        ],
        block: Block::None,
        example: "build job: 'deploy', parameters: [string(name: 'ENV', value: 'prod')], wait: false",
        plugin: "pipeline-build-step",
    },
    Describable {
        name: "catchError",
        summary: "Catches an error in its body, sets the build and stage result, and continues.",
        params: &[
            def(
                "buildResult",
                Type::String,
                "'FAILURE'",
                "Result set on the build when an error is caught (`SUCCESS` leaves it unchanged).",
            ),
            def(
                "catchInterruptions",
                Type::Bool,
                "true",
                "Also catch interruptions such as aborts and timeouts.",
            ),
            opt(
                "message",
                Type::String,
                "A message logged when an error is caught.",
            ),
            def(
                "stageResult",
                Type::String,
                "'SUCCESS'",
                "Result set on the stage when an error is caught.",
            ),
        ],
        block: Block::Required,
        example: "catchError(buildResult: 'SUCCESS', stageResult: 'FAILURE') { sh 'make lint' }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "checkout",
        summary: "Checks out source code with any SCM (`checkout scm` uses the job's own).",
        params: &[
            req(
                "scm",
                Type::Any,
                "The SCM to check out: `scm`, `scmGit(...)`, or a `[$class: ...]` map.",
            ),
            def(
                "changelog",
                Type::Bool,
                "true",
                "Include the changes in the build's changelog.",
            ),
            def(
                "poll",
                Type::Bool,
                "true",
                "Poll this SCM for changes to trigger builds.",
            ),
        ],
        block: Block::None,
        example: "checkout scm",
        plugin: "workflow-scm-step",
    },
    Describable {
        name: "cleanWs",
        summary: "Deletes the workspace, or the files in it that match patterns.",
        params: &[
            def(
                "cleanWhenAborted",
                Type::Bool,
                "true",
                "Clean when the build was aborted.",
            ),
            def(
                "cleanWhenFailure",
                Type::Bool,
                "true",
                "Clean when the build failed.",
            ),
            def(
                "cleanWhenNotBuilt",
                Type::Bool,
                "true",
                "Clean when the build result is NOT_BUILT.",
            ),
            def(
                "cleanWhenSuccess",
                Type::Bool,
                "true",
                "Clean when the build succeeded.",
            ),
            def(
                "cleanWhenUnstable",
                Type::Bool,
                "true",
                "Clean when the build is unstable.",
            ),
            def(
                "cleanupMatrixParent",
                Type::Bool,
                "false",
                "Also clean the workspace of a matrix parent.",
            ),
            def(
                "deleteDirs",
                Type::Bool,
                "false",
                "Apply the patterns to directories too.",
            ),
            def(
                "disableDeferredWipeout",
                Type::Bool,
                "false",
                "Delete synchronously instead of renaming and deleting in the background.",
            ),
            opt(
                "externalDelete",
                Type::String,
                "An external command to delete files with (`%s` is the path).",
            ),
            def(
                "notFailBuild",
                Type::Bool,
                "false",
                "Do not fail the build when cleaning fails.",
            ),
            opt(
                "patterns",
                Type::Any,
                "Files to delete or keep: `[[pattern: '*.log', type: 'INCLUDE']]`.",
            ),
            opt(
                "skipWhenFailed",
                Type::Bool,
                "Deprecated: use the `cleanWhen*` options.",
            ),
        ],
        block: Block::None,
        example: "cleanWs(deleteDirs: true, notFailBuild: true)",
        plugin: "ws-cleanup",
    },
    Describable {
        name: "compareVersions",
        summary: "Compares two version numbers: -1, 0 or 1.",
        params: &[
            req("v1", Type::String, "The first version."),
            req("v2", Type::String, "The second version."),
            def(
                "failIfEmpty",
                Type::Bool,
                "false",
                "Fail when either version is empty instead of treating it as the lowest.",
            ),
        ],
        block: Block::None,
        example: "def c = compareVersions v1: '2.1.0', v2: '2.0.9'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "configFileProvider",
        summary: "Provides managed configuration files (settings.xml, npmrc...) to its body.",
        params: &[req(
            "managedFiles",
            Type::Any,
            "The files: `[configFile(fileId: ..., variable: ..., targetLocation: ...)]`.",
        )],
        block: Block::Required,
        example: "configFileProvider([configFile(fileId: 'maven-settings', variable: 'SETTINGS')]) { sh 'mvn -s $SETTINGS deploy' }",
        plugin: "config-file-provider",
    },
    Describable {
        name: "container",
        summary: "Runs the steps of its body in a container of the Kubernetes pod.",
        params: &[
            req(
                "name",
                Type::String,
                "The container's name in the pod template.",
            ),
            opt(
                "shell",
                Type::String,
                "The shell to run `sh` steps with, e.g. `/bin/bash`.",
            ),
        ],
        block: Block::Required,
        example: "container('maven') { sh 'mvn -B verify' }",
        plugin: "kubernetes",
    },
    Describable {
        name: "containerLog",
        summary: "Prints or returns the log of a container of the Kubernetes pod.",
        params: &[
            req("name", Type::String, "The container's name."),
            def(
                "limitBytes",
                Type::Int,
                "0",
                "Only the last this many bytes (0: no limit).",
            ),
            def(
                "returnLog",
                Type::Bool,
                "false",
                "Return the log instead of printing it.",
            ),
            def(
                "sinceSeconds",
                Type::Int,
                "0",
                "Only the lines of the last this many seconds (0: all).",
            ),
            def(
                "tailingLines",
                Type::Int,
                "0",
                "Only the last this many lines (0: all).",
            ),
        ],
        block: Block::None,
        example: "containerLog name: 'db', tailingLines: 100",
        plugin: "kubernetes",
    },
    Describable {
        name: "copyArtifacts",
        summary: "Copies artifacts from another build.",
        params: &[
            req(
                "projectName",
                Type::String,
                "The job to copy from, relative or absolute.",
            ),
            opt(
                "excludes",
                Type::String,
                "Ant-style patterns of artifacts not to copy.",
            ),
            opt(
                "filter",
                Type::String,
                "Ant-style patterns of the artifacts to copy; all when not given.",
            ),
            def(
                "fingerprintArtifacts",
                Type::Bool,
                "true",
                "Record fingerprints of the copied artifacts.",
            ),
            def(
                "flatten",
                Type::Bool,
                "false",
                "Drop the artifacts' directories.",
            ),
            def(
                "includeBuildNumberInTargetPath",
                Type::Bool,
                "false",
                "Copy into a directory named after the source build's number.",
            ),
            def(
                "optional",
                Type::Bool,
                "false",
                "Do not fail when there is nothing to copy.",
            ),
            opt(
                "parameters",
                Type::String,
                "Only builds with these parameter values: `KEY=value,...`.",
            ),
            opt(
                "resultVariableSuffix",
                Type::String,
                "Suffix of the `COPYARTIFACT_BUILD_NUMBER_` variable set after copying.",
            ),
            opt(
                "selector",
                Type::Any,
                "Which build to copy from: `lastSuccessful()`, `specific('42')`, `upstream()`...",
            ),
            opt(
                "target",
                Type::String,
                "Directory to copy into, relative to the workspace.",
            ),
        ],
        block: Block::None,
        example: "copyArtifacts projectName: 'build', filter: 'dist/**', selector: lastSuccessful()",
        plugin: "copyartifact",
    },
    Describable {
        name: "deleteDir",
        summary: "Recursively deletes the current directory and its contents.",
        params: &[],
        block: Block::None,
        example: "dir('tmp') { deleteDir() }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "dir",
        summary: "Changes the current directory for the steps of its body.",
        params: &[req(
            "path",
            Type::String,
            "The directory, relative to the current one.",
        )],
        block: Block::Required,
        example: "dir('frontend') { sh 'npm ci' }",
        plugin: "workflow-durable-task-step",
    },
    Describable {
        name: "dockerFingerprintFrom",
        summary: "Records fingerprints of the base image of a Dockerfile (deprecated).",
        params: &[
            req(
                "dockerfile",
                Type::String,
                "Path of the Dockerfile, relative to the workspace.",
            ),
            req("image", Type::String, "The image built from it."),
            opt(
                "commandLine",
                Type::String,
                "The `docker build` arguments, to resolve `--build-arg`s.",
            ),
            opt("toolName", Type::String, "The Docker installation to use."),
        ],
        block: Block::None,
        example: "dockerFingerprintFrom dockerfile: 'Dockerfile', image: 'app:1.0'",
        plugin: "docker-workflow",
    },
    Describable {
        name: "dockerFingerprintRun",
        summary: "Records fingerprints of the image a container runs (deprecated).",
        params: &[
            req("containerId", Type::String, "The container's id."),
            opt("toolName", Type::String, "The Docker installation to use."),
        ],
        block: Block::None,
        example: "dockerFingerprintRun containerId: id",
        plugin: "docker-workflow",
    },
    Describable {
        name: "echo",
        summary: "Prints a message to the console output.",
        params: &[req("message", Type::String, "The message.")],
        block: Block::None,
        example: "echo \"Building ${env.BRANCH_NAME}\"",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "emailext",
        summary: "Sends an email with the Email Extension plugin.",
        params: &[
            req("subject", Type::String, "The subject."),
            req("body", Type::String, "The body."),
            def("attachLog", Type::Bool, "false", "Attach the build log."),
            opt(
                "attachmentsPattern",
                Type::String,
                "Ant-style pattern of workspace files to attach.",
            ),
            def(
                "compressLog",
                Type::Bool,
                "false",
                "Compress the attached log.",
            ),
            opt("from", Type::String, "The sender's address."),
            opt(
                "inlineAttachmentsPattern",
                Type::String,
                "Ant-style pattern of workspace files to attach inline.",
            ),
            def(
                "mimeType",
                Type::String,
                "'text/plain'",
                "Content type of the body, e.g. `text/html`.",
            ),
            opt(
                "postsendScript",
                Type::String,
                "A Groovy script run after the mail is sent.",
            ),
            opt(
                "presendScript",
                Type::String,
                "A Groovy script run before the mail is sent.",
            ),
            opt(
                "recipientProviders",
                Type::Any,
                "Who else gets it: `[developers(), requestor(), culprits()]`...",
            ),
            opt("replyTo", Type::String, "The Reply-To address."),
            def(
                "saveOutput",
                Type::Bool,
                "false",
                "Save the generated email in the workspace.",
            ),
            opt("to", Type::String, "Comma-separated recipient addresses."),
        ],
        block: Block::None,
        example: "emailext subject: \"${env.JOB_NAME} failed\", body: '${DEFAULT_CONTENT}', recipientProviders: [culprits()]",
        plugin: "email-ext",
    },
    Describable {
        name: "emailextrecipients",
        summary: "Returns the email addresses the given recipient providers compute.",
        params: &[req(
            "recipientProviders",
            Type::Any,
            "The providers: `[developers(), requestor()]`...",
        )],
        block: Block::None,
        example: "def to = emailextrecipients([culprits(), requestor()])",
        plugin: "email-ext",
    },
    Describable {
        name: "envVarsForTool",
        summary: "Returns the environment variables a tool installation sets.",
        params: &[
            req(
                "toolId",
                Type::String,
                "The tool type's id or symbol, e.g. `maven`.",
            ),
            req("toolVersion", Type::String, "The installation's name."),
        ],
        block: Block::None,
        example: "def vars = envVarsForTool toolId: 'maven', toolVersion: 'maven-3'",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "error",
        summary: "Signals an error: fails the build with a message, without a stack trace.",
        params: &[req("message", Type::String, "The error message.")],
        block: Block::None,
        example: "error 'Deployment failed'",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "fileExists",
        summary: "Checks whether a file exists in the workspace.",
        params: &[req(
            "file",
            Type::String,
            "Path of the file or directory, relative to the current directory.",
        )],
        block: Block::None,
        example: "if (fileExists('pom.xml')) { sh 'mvn -B verify' }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "findFiles",
        summary: "Finds files in the current directory, returning their names, paths, sizes.",
        params: &[
            opt(
                "excludes",
                Type::String,
                "Ant-style pattern of files to leave out.",
            ),
            opt(
                "glob",
                Type::String,
                "Ant-style pattern of the files to find; the directory's files when not given.",
            ),
        ],
        block: Block::None,
        example: "def jars = findFiles glob: '**/target/*.jar'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "fingerprint",
        summary: "Records fingerprints of files to track where they are used.",
        params: &[
            req(
                "targets",
                Type::String,
                "Comma-separated Ant-style patterns of the files to fingerprint.",
            ),
            def(
                "caseSensitive",
                Type::Bool,
                "true",
                "Whether the patterns are case sensitive.",
            ),
            def(
                "defaultExcludes",
                Type::Bool,
                "true",
                "Apply Ant's default excludes.",
            ),
            opt(
                "excludes",
                Type::String,
                "Comma-separated Ant-style patterns of files to leave out.",
            ),
        ],
        block: Block::None,
        example: "fingerprint 'target/*.jar'",
        plugin: "jenkins-core",
    },
    Describable {
        name: "git",
        summary: "Checks out a Git repository (a shorthand for `checkout` with Git).",
        params: &[
            req("url", Type::String, "The repository's URL."),
            def(
                "branch",
                Type::String,
                "'master'",
                "The branch to check out.",
            ),
            def(
                "changelog",
                Type::Bool,
                "true",
                "Include the changes in the build's changelog.",
            ),
            opt("credentialsId", Type::String, "Credentials to fetch with."),
            def(
                "poll",
                Type::Bool,
                "true",
                "Poll the repository for changes to trigger builds.",
            ),
        ],
        block: Block::None,
        example: "git url: 'https://github.com/org/repo.git', branch: 'main', credentialsId: 'github'",
        plugin: "git",
    },
    Describable {
        name: "httpRequest",
        summary: "Sends an HTTP request and returns the response.",
        params: &[
            req("url", Type::String, "The URL."),
            opt(
                "acceptType",
                MIME_TYPE,
                "The `Accept` header, e.g. `APPLICATION_JSON`.",
            ),
            opt(
                "authentication",
                Type::String,
                "Id of the credentials to authenticate with.",
            ),
            opt(
                "consoleLogResponseBody",
                Type::Bool,
                "Print the response body to the console.",
            ),
            opt(
                "contentType",
                MIME_TYPE,
                "The `Content-Type` header, e.g. `APPLICATION_JSON`.",
            ),
            opt(
                "customHeaders",
                Type::Any,
                "Extra headers: `[[name: 'X-Token', value: t, maskValue: true]]`.",
            ),
            opt("formData", Type::Any, "Multipart form parts."),
            def(
                "httpMode",
                Type::Enum {
                    class: "jenkins.plugins.http_request.HttpMode",
                    values: &[
                        "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "MKCOL",
                    ],
                },
                "'GET'",
                "The HTTP method.",
            ),
            opt("httpProxy", Type::String, "A proxy URL."),
            def(
                "ignoreSslErrors",
                Type::Bool,
                "false",
                "Accept any certificate.",
            ),
            opt(
                "multipartName",
                Type::String,
                "Form field name of the uploaded file.",
            ),
            opt(
                "outputFile",
                Type::String,
                "Write the response body to this workspace file.",
            ),
            opt(
                "proxyAuthentication",
                Type::String,
                "Id of the credentials for the proxy.",
            ),
            opt("quiet", Type::Bool, "Log nothing about the request."),
            opt("requestBody", Type::String, "The request body."),
            def(
                "responseHandle",
                Type::Enum {
                    class: "jenkins.plugins.http_request.ResponseHandle",
                    values: &["NONE", "LEAVE_OPEN", "STRING"],
                },
                "'STRING'",
                "How the response body is kept.",
            ),
            def("timeout", Type::Int, "0", "Timeout in seconds (0: none)."),
            opt("uploadFile", Type::String, "A workspace file to upload."),
            opt("useNtlm", Type::Bool, "Authenticate with NTLM."),
            opt(
                "useSystemProperties",
                Type::Bool,
                "Use the JVM's proxy and TLS system properties.",
            ),
            def(
                "validResponseCodes",
                Type::String,
                "'100:399'",
                "Accepted status codes: `200`, `200:299`, `200,404`.",
            ),
            opt(
                "validResponseContent",
                Type::String,
                "Fail unless the response contains this text.",
            ),
            def(
                "wrapAsMultipart",
                Type::Bool,
                "true",
                "Send `uploadFile` as multipart form data.",
            ),
        ],
        block: Block::None,
        example: "def r = httpRequest url: 'https://example.com/health', validResponseCodes: '200'",
        plugin: "http_request",
    },
    Describable {
        name: "input",
        summary: "Pauses for a person to approve, optionally with parameters.",
        params: &[
            req("message", Type::String, "The question shown to the person."),
            def(
                "cancel",
                Type::String,
                "'Abort'",
                "Caption of the cancel button.",
            ),
            opt(
                "id",
                Type::String,
                "An id for the input, unique within the build (URL-safe).",
            ),
            def(
                "ok",
                Type::String,
                "'Proceed'",
                "Caption of the proceed button.",
            ),
            opt(
                "parameters",
                Type::Any,
                "Parameters to ask for: `[string(name: ..., defaultValue: ...)]`...",
            ),
            opt(
                "submitter",
                Type::String,
                "Comma-separated users or groups allowed to answer; anyone when not given.",
            ),
            opt(
                "submitterParameter",
                Type::String,
                "Name of a returned value holding the id of the person who answered.",
            ),
        ],
        block: Block::None,
        example: "input message: 'Deploy to production?', ok: 'Deploy', submitter: 'admins'",
        plugin: "pipeline-input-step",
    },
    Describable {
        name: "isUnix",
        summary: "Checks whether the current node runs a Unix-like system.",
        params: &[],
        block: Block::None,
        example: "if (isUnix()) { sh 'make' } else { bat 'nmake' }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "junit",
        summary: "Archives JUnit-format test results and reports them.",
        params: &[
            req(
                "testResults",
                Type::String,
                "Ant-style pattern of the XML reports, relative to the workspace.",
            ),
            def(
                "allowEmptyResults",
                Type::Bool,
                "false",
                "Do not fail when no report is found.",
            ),
            opt(
                "checksName",
                Type::String,
                "Name of the check published to the Checks API.",
            ),
            def(
                "healthScaleFactor",
                Type::Double,
                "1.0",
                "How much a failing test lowers the job's health (0: not at all).",
            ),
            opt(
                "keepLongStdio",
                Type::Bool,
                "Deprecated: use `stdioRetention`.",
            ),
            def(
                "keepProperties",
                Type::Bool,
                "false",
                "Keep the test properties in the results.",
            ),
            def(
                "keepTestNames",
                Type::Bool,
                "false",
                "Do not prefix test names with the parallel stage's name.",
            ),
            def(
                "skipMarkingBuildUnstable",
                Type::Bool,
                "false",
                "Failing tests mark only the stage unstable, not the build.",
            ),
            def(
                "skipMarkingStageUnstable",
                Type::Bool,
                "false",
                "Failing tests mark neither the stage nor the build unstable.",
            ),
            def(
                "skipOldReports",
                Type::Bool,
                "false",
                "Ignore report files older than the build.",
            ),
            def(
                "skipPublishingChecks",
                Type::Bool,
                "false",
                "Do not publish the results to the Checks API.",
            ),
            opt(
                "stdioRetention",
                Type::String,
                "Which tests keep their full stdout/stderr: `ALL`, `FAILED` or `NONE`.",
            ),
            opt(
                "testDataPublishers",
                Type::Any,
                "Extra publishers of test data, e.g. `[attachments()]`.",
            ),
        ],
        block: Block::None,
        example: "junit testResults: '**/target/surefire-reports/*.xml', allowEmptyResults: true",
        plugin: "junit",
    },
    Describable {
        name: "library",
        summary: "Loads a shared library dynamically; returns its classes.",
        params: &[
            req(
                "identifier",
                Type::String,
                "The library's name, optionally with a version: `my-lib@1.2`.",
            ),
            def(
                "changelog",
                Type::Bool,
                "true",
                "Include the library's changes in the build's changelog.",
            ),
            opt(
                "retriever",
                Type::Any,
                "Where to get a library not configured globally: `modernSCM(...)`.",
            ),
        ],
        block: Block::None,
        example: "library 'my-shared-library@main'",
        plugin: "pipeline-groovy-lib",
    },
    Describable {
        name: "libraryResource",
        summary: "Reads a file from the `resources/` directory of a shared library.",
        params: &[
            req(
                "resource",
                Type::String,
                "Path of the resource, e.g. `org/example/template.yaml`.",
            ),
            opt(
                "encoding",
                Type::String,
                "The file's encoding, or `Base64` to read it as Base64 text.",
            ),
        ],
        block: Block::None,
        example: "def yaml = libraryResource 'pod.yaml'",
        plugin: "pipeline-groovy-lib",
    },
    Describable {
        name: "load",
        summary: "Evaluates a Groovy file from the workspace and returns its value.",
        params: &[req(
            "path",
            Type::String,
            "Path of the script, relative to the workspace.",
        )],
        block: Block::None,
        example: "def helpers = load 'ci/helpers.groovy'",
        plugin: "workflow-cps",
    },
    Describable {
        name: "lock",
        summary: "Locks lockable resources for the duration of its body.",
        params: &[
            req(
                "resource",
                Type::String,
                "Name of the resource to lock; may be null when `label` is given.",
            ),
            opt(
                "extra",
                Type::Any,
                "More resources to lock at once: `[[resource: 'b'], [label: 'l', quantity: 1]]`.",
            ),
            def(
                "inversePrecedence",
                Type::Bool,
                "false",
                "The newest waiting build gets the lock first.",
            ),
            opt(
                "label",
                Type::String,
                "Lock resources with this label instead of a named resource.",
            ),
            def(
                "priority",
                Type::Int,
                "0",
                "Builds with a higher priority get the lock first.",
            ),
            def(
                "quantity",
                Type::Int,
                "0",
                "How many resources with the label to lock (0: all).",
            ),
            opt(
                "reason",
                Type::String,
                "Why the resource is locked, shown while it is.",
            ),
            def(
                "resourceSelectStrategy",
                Type::String,
                "'SEQUENTIAL'",
                "How resources with the label are picked: `SEQUENTIAL` or `RANDOM` (any case).",
            ),
            opt(
                "serverId",
                Type::String,
                "The lockable-resources server to lock on.",
            ),
            def(
                "skipIfLocked",
                Type::Bool,
                "false",
                "Skip the body instead of waiting when the resource is locked.",
            ),
            def(
                "timeoutForAllocateResource",
                Type::Long,
                "0",
                "Give up waiting after this long (0: wait forever).",
            ),
            def(
                "timeoutUnit",
                Type::String,
                "'MINUTES'",
                "Unit of `timeoutForAllocateResource`, a `TimeUnit` name.",
            ),
            opt(
                "variable",
                Type::String,
                "Environment variable that receives the locked resources' names.",
            ),
        ],
        block: Block::Required,
        example: "lock(label: 'staging-env', quantity: 1, variable: 'ENV') { sh './deploy.sh' }",
        plugin: "lockable-resources",
    },
    Describable {
        name: "mail",
        summary: "Sends a simple email.",
        params: &[
            req("subject", Type::String, "The subject."),
            req("body", Type::String, "The body."),
            opt("bcc", Type::String, "Comma-separated BCC addresses."),
            opt("cc", Type::String, "Comma-separated CC addresses."),
            opt("charset", Type::String, "The body's character set."),
            opt("from", Type::String, "The sender's address."),
            opt(
                "mimeType",
                Type::String,
                "Content type of the body, e.g. `text/html`.",
            ),
            opt("replyTo", Type::String, "The Reply-To address."),
            opt("to", Type::String, "Comma-separated recipient addresses."),
        ],
        block: Block::None,
        example: "mail to: 'team@example.com', subject: 'Build failed', body: \"See ${env.BUILD_URL}\"",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "md5",
        summary: "Computes the MD5 of a file.",
        params: &[req(
            "file",
            Type::String,
            "Path of the file, relative to the current directory.",
        )],
        block: Block::None,
        example: "def sum = md5 'dist/app.tar.gz'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "milestone",
        summary: "Marks a point an older build may not pass once a newer build has.",
        params: &[
            req(
                "ordinal",
                Type::Int,
                "The milestone's number, increasing through the Pipeline; automatic when null.",
            ),
            opt(
                "label",
                Type::String,
                "A label shown in the logs and the UI.",
            ),
            def(
                "unsafe",
                Type::Bool,
                "false",
                "Allow the milestone inside `parallel` or loops.",
            ),
        ],
        block: Block::None,
        example: "milestone(ordinal: 1, label: 'deploy')",
        plugin: "pipeline-milestone-step",
    },
    Describable {
        name: "node",
        summary: "Allocates an executor and workspace on an agent for its body.",
        params: &[req(
            "label",
            Type::String,
            "Label expression of the agents to run on; any agent when null.",
        )],
        block: Block::Required,
        example: "node('linux && docker') { sh 'make' }",
        plugin: "workflow-durable-task-step",
    },
    Describable {
        name: "nodesByLabel",
        summary: "Returns the names of the agents with a label.",
        params: &[
            req("label", Type::String, "A label expression."),
            def("offline", Type::Bool, "false", "Include offline agents."),
        ],
        block: Block::None,
        example: "def agents = nodesByLabel label: 'linux', offline: false",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "podTemplate",
        summary: "Defines a Kubernetes pod template for agents launched in its body.",
        params: &[
            opt(
                "activeDeadlineSeconds",
                Type::Int,
                "Seconds the pod may run before Kubernetes stops it.",
            ),
            opt(
                "agentContainer",
                Type::String,
                "The container the agent runs in.",
            ),
            opt(
                "agentInjection",
                Type::Bool,
                "Inject the agent into `agentContainer`.",
            ),
            opt(
                "annotations",
                Type::Any,
                "Pod annotations: `[podAnnotation(key: ..., value: ...)]`.",
            ),
            opt("cloud", Type::String, "The Kubernetes cloud to use."),
            opt(
                "containers",
                Type::Any,
                "The containers: `[containerTemplate(name: ..., image: ...)]`.",
            ),
            opt(
                "envVars",
                Type::Any,
                "Environment variables for every container.",
            ),
            opt("hostNetwork", Type::Bool, "Use the host's network."),
            opt(
                "idleMinutes",
                Type::Int,
                "Minutes to keep the pod after use.",
            ),
            opt(
                "imagePullSecrets",
                Type::StringList,
                "Names of secrets to pull images with.",
            ),
            opt(
                "inheritFrom",
                Type::String,
                "Space-separated names of templates to inherit from.",
            ),
            opt(
                "inheritYamlMergeStrategy",
                Type::Bool,
                "Inherit the parent's YAML merge strategy.",
            ),
            opt(
                "instanceCap",
                Type::Int,
                "The most pods of this template at once.",
            ),
            opt(
                "label",
                Type::String,
                "The label the agents get; generated when not given.",
            ),
            opt("name", Type::String, "The template's name."),
            opt("namespace", Type::String, "The namespace of the pods."),
            opt(
                "nodeSelector",
                Type::String,
                "Node selector: `key=value,key2=value2`.",
            ),
            def(
                "nodeUsageMode",
                Type::String,
                "'EXCLUSIVE'",
                "`NORMAL` or `EXCLUSIVE` use of the agents.",
            ),
            opt(
                "podRetention",
                Type::Any,
                "When to keep the pod: `always()`, `never()`, `onFailure()`...",
            ),
            opt(
                "runAsGroup",
                Type::String,
                "Group id the containers run as.",
            ),
            opt("runAsUser", Type::String, "User id the containers run as."),
            opt(
                "schedulerName",
                Type::String,
                "The Kubernetes scheduler to use.",
            ),
            opt("serviceAccount", Type::String, "The pod's service account."),
            opt(
                "showRawYaml",
                Type::Bool,
                "Print the pod's YAML in the log.",
            ),
            def(
                "slaveConnectTimeout",
                Type::Int,
                "100",
                "Seconds to wait for the agent to connect.",
            ),
            opt(
                "supplementalGroups",
                Type::String,
                "Comma-separated supplemental group ids.",
            ),
            opt(
                "volumes",
                Type::Any,
                "Volumes: `[emptyDirVolume(...), secretVolume(...)]`...",
            ),
            def(
                "workingDir",
                Type::String,
                "'/home/jenkins/agent'",
                "The agent's working directory.",
            ),
            opt(
                "workspaceVolume",
                Type::Any,
                "The workspace's volume, e.g. `dynamicPVC(...)`.",
            ),
            opt(
                "yaml",
                Type::String,
                "A pod specification in YAML, merged with the rest.",
            ),
            opt(
                "yamlMergeStrategy",
                Type::Any,
                "How `yaml` merges with inherited YAML: `merge()` or `override()`.",
            ),
        ],
        block: Block::Required,
        example: "podTemplate(yaml: podYaml) { node(POD_LABEL) { container('maven') { sh 'mvn -v' } } }",
        plugin: "kubernetes",
    },
    Describable {
        name: "powershell",
        summary: "Runs a Windows PowerShell script.",
        params: &[
            req("script", Type::String, "The PowerShell script to run."),
            opt(
                "encoding",
                Type::String,
                "Encoding of the process output; the agent's default when not given.",
            ),
            opt(
                "label",
                Type::String,
                "A label shown for the step in the build's views.",
            ),
            def(
                "returnStatus",
                Type::Bool,
                "false",
                "Return the exit code instead of failing on a non-zero one.",
            ),
            def(
                "returnStdout",
                Type::Bool,
                "false",
                "Return the standard output as the step's value instead of printing it.",
            ),
        ],
        block: Block::None,
        example: "powershell 'Get-ChildItem'",
        plugin: "workflow-durable-task-step",
    },
    Describable {
        name: "prependToFile",
        summary: "Prepends text to a file, creating it when missing.",
        params: &[
            req(
                "file",
                Type::String,
                "Path of the file, relative to the current directory.",
            ),
            req("content", Type::String, "The text to prepend."),
        ],
        block: Block::None,
        example: "prependToFile file: 'CHANGELOG.md', content: \"## ${version}\\n\"",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "properties",
        summary: "Sets the job's properties (parameters, triggers, build discarder...), replacing any set before.",
        params: &[req(
            "properties",
            Type::Any,
            "The job properties: `[parameters([...]), pipelineTriggers([...]), buildDiscarder(...)]`.",
        )],
        block: Block::None,
        example: "properties([buildDiscarder(logRotator(numToKeepStr: '10'))])",
        plugin: "workflow-multibranch",
    },
    Describable {
        name: "publishHTML",
        summary: "Publishes HTML reports.",
        params: &[req(
            "target",
            Type::Any,
            "The report: `[reportName:, reportDir:, reportFiles:, keepAll:, alwaysLinkToLastBuild:, allowMissing:]`.",
        )],
        block: Block::None,
        example: "publishHTML([reportName: 'Coverage', reportDir: 'coverage', reportFiles: 'index.html', keepAll: true, alwaysLinkToLastBuild: true, allowMissing: false])",
        plugin: "htmlpublisher",
    },
    Describable {
        name: "pwd",
        summary: "Returns the current directory's path.",
        params: &[def(
            "tmp",
            Type::Bool,
            "false",
            "Return a temporary directory associated with the workspace instead.",
        )],
        block: Block::None,
        example: "def here = pwd()",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "pwsh",
        summary: "Runs a PowerShell Core script.",
        params: &[
            req("script", Type::String, "The PowerShell script to run."),
            opt(
                "encoding",
                Type::String,
                "Encoding of the process output; the agent's default when not given.",
            ),
            opt(
                "label",
                Type::String,
                "A label shown for the step in the build's views.",
            ),
            def(
                "returnStatus",
                Type::Bool,
                "false",
                "Return the exit code instead of failing on a non-zero one.",
            ),
            def(
                "returnStdout",
                Type::Bool,
                "false",
                "Return the standard output as the step's value instead of printing it.",
            ),
        ],
        block: Block::None,
        example: "pwsh 'Write-Output $PSVersionTable'",
        plugin: "workflow-durable-task-step",
    },
    Describable {
        name: "readCSV",
        summary: "Reads CSV from a file or a string into a list of records.",
        params: &[
            opt(
                "file",
                Type::String,
                "Path of the file to read, relative to the current directory.",
            ),
            opt(
                "format",
                Type::Any,
                "An Apache Commons CSV `CSVFormat`; `CSVFormat.DEFAULT` when not given.",
            ),
            opt("text", Type::String, "CSV text to read instead of a file."),
        ],
        block: Block::None,
        example: "def rows = readCSV file: 'data.csv'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "readFile",
        summary: "Reads a file from the workspace and returns its content.",
        params: &[
            req(
                "file",
                Type::String,
                "Path of the file, relative to the current directory.",
            ),
            opt(
                "encoding",
                Type::String,
                "The file's encoding, or `Base64` to read it as Base64 text.",
            ),
        ],
        block: Block::None,
        example: "def version = readFile('VERSION').trim()",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "readJSON",
        summary: "Reads JSON from a file or a string.",
        params: &[
            opt(
                "file",
                Type::String,
                "Path of the file to read, relative to the current directory.",
            ),
            def(
                "returnPojo",
                Type::Bool,
                "false",
                "Return plain Java maps and lists instead of JSON objects.",
            ),
            opt("text", Type::String, "JSON text to read instead of a file."),
        ],
        block: Block::None,
        example: "def pkg = readJSON file: 'package.json'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "readManifest",
        summary: "Reads a Jar manifest from a file, a jar or a string.",
        params: &[
            opt(
                "file",
                Type::String,
                "Path of a manifest or jar file, relative to the current directory.",
            ),
            opt(
                "text",
                Type::String,
                "Manifest text to read instead of a file.",
            ),
        ],
        block: Block::None,
        example: "def mf = readManifest file: 'target/app.jar'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "readMavenPom",
        summary: "Reads a Maven POM into a `Model`.",
        params: &[def(
            "file",
            Type::String,
            "'pom.xml'",
            "Path of the POM, relative to the current directory.",
        )],
        block: Block::None,
        example: "def pom = readMavenPom file: 'pom.xml'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "readProperties",
        summary: "Reads Java properties from a file or a string into a map.",
        params: &[
            opt("charset", Type::String, "The file's character set."),
            opt("defaults", Type::Any, "A map of default values."),
            opt(
                "file",
                Type::String,
                "Path of the file to read, relative to the current directory.",
            ),
            def(
                "interpolate",
                Type::Bool,
                "false",
                "Expand `${key}` references between properties.",
            ),
            opt(
                "text",
                Type::String,
                "Properties text to read instead of a file.",
            ),
        ],
        block: Block::None,
        example: "def props = readProperties file: 'build.properties'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "readScmFile",
        summary: "Reads a file from an SCM source at a given version, without a checkout.",
        params: &[
            req("scm", Type::Any, "The SCM source, e.g. `git(remote: ...)`."),
            req("version", Type::String, "The branch, tag or revision."),
            req("path", Type::String, "Path of the file in the repository."),
        ],
        block: Block::None,
        example: "def text = readScmFile scm: git(remote: 'https://github.com/org/repo.git'), version: 'main', path: 'VERSION'",
        plugin: "workflow-scm-step",
    },
    Describable {
        name: "readTOML",
        summary: "Reads TOML from a file or a string.",
        params: &[
            opt(
                "file",
                Type::String,
                "Path of the file to read, relative to the current directory.",
            ),
            opt("text", Type::String, "TOML text to read instead of a file."),
        ],
        block: Block::None,
        example: "def cfg = readTOML file: 'Cargo.toml'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "readTrusted",
        summary: "Reads a file from the trusted revision of a multibranch Pipeline's SCM.",
        params: &[req(
            "path",
            Type::String,
            "Path of the file, relative to the repository's root.",
        )],
        block: Block::None,
        example: "def script = readTrusted 'ci/deploy.groovy'",
        plugin: "workflow-multibranch",
    },
    Describable {
        name: "readYaml",
        summary: "Reads YAML from a file or a string.",
        params: &[
            opt(
                "codePointLimit",
                Type::Int,
                "The most code points the document may have.",
            ),
            opt(
                "file",
                Type::String,
                "Path of the file to read, relative to the current directory.",
            ),
            opt(
                "maxAliasesForCollections",
                Type::Int,
                "The most YAML aliases collections may use.",
            ),
            opt("text", Type::String, "YAML text to read instead of a file."),
        ],
        block: Block::None,
        example: "def cfg = readYaml file: 'config.yaml'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "resolveScm",
        summary: "Resolves the first of several branches or tags that exists in an SCM source.",
        params: &[
            req(
                "source",
                Type::Any,
                "The SCM source, e.g. `github(...)` or `git(...)`.",
            ),
            req(
                "targets",
                Type::StringList,
                "The branch or tag names to try, in order.",
            ),
            def(
                "ignoreErrors",
                Type::Bool,
                "false",
                "Return null instead of failing when none exists.",
            ),
        ],
        block: Block::None,
        example: "checkout resolveScm(source: git('https://github.com/org/lib.git'), targets: [env.BRANCH_NAME, 'main'])",
        plugin: "workflow-multibranch",
    },
    Describable {
        name: "retry",
        summary: "Runs its body again, up to a number of times, when it fails.",
        params: &[
            req("count", Type::Int, "How many times to try in all."),
            opt(
                "conditions",
                Type::Any,
                "Retry only for these errors: `[agent(), kubernetesAgent(), nonresumable()]`.",
            ),
        ],
        block: Block::Required,
        example: "retry(3) { sh './flaky-test.sh' }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "script",
        summary: "Runs a block of Scripted Pipeline inside a Declarative Pipeline.",
        params: &[],
        block: Block::Required,
        example: "script { def v = readFile('VERSION').trim() }",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "sh",
        summary: "Runs a shell script.",
        params: &[
            req("script", Type::String, "The shell script to run."),
            opt(
                "encoding",
                Type::String,
                "Encoding of the process output; the agent's default when not given.",
            ),
            opt(
                "label",
                Type::String,
                "A label shown for the step in the build's views.",
            ),
            def(
                "returnStatus",
                Type::Bool,
                "false",
                "Return the exit code instead of failing on a non-zero one.",
            ),
            def(
                "returnStdout",
                Type::Bool,
                "false",
                "Return the standard output as the step's value instead of printing it.",
            ),
        ],
        block: Block::None,
        example: "sh 'make test'",
        plugin: "workflow-durable-task-step",
    },
    Describable {
        name: "sha1",
        summary: "Computes the SHA-1 of a file.",
        params: &[req(
            "file",
            Type::String,
            "Path of the file, relative to the current directory.",
        )],
        block: Block::None,
        example: "def sum = sha1 'dist/app.tar.gz'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "sha256",
        summary: "Computes the SHA-256 of a file.",
        params: &[req(
            "file",
            Type::String,
            "Path of the file, relative to the current directory.",
        )],
        block: Block::None,
        example: "def sum = sha256 'dist/app.tar.gz'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "slackSend",
        summary: "Sends a Slack message.",
        params: &[
            opt(
                "attachments",
                Type::Any,
                "Slack message attachments (a list of maps).",
            ),
            opt(
                "baseUrl",
                Type::String,
                "The Slack webhook or API base URL.",
            ),
            opt(
                "blocks",
                Type::Any,
                "Slack Block Kit blocks (a list of maps).",
            ),
            opt("botUser", Type::Bool, "Send as the bot user."),
            opt(
                "channel",
                Type::String,
                "Comma-separated channels or `@users`.",
            ),
            opt(
                "color",
                Type::String,
                "The message's colour: `good`, `warning`, `danger` or a hex code.",
            ),
            opt(
                "failOnError",
                Type::Bool,
                "Fail the build when sending fails.",
            ),
            opt(
                "iconEmoji",
                Type::String,
                "Emoji to use as the sender's icon.",
            ),
            opt("message", Type::String, "The message text."),
            opt(
                "notifyCommitters",
                Type::Bool,
                "Also notify the build's committers.",
            ),
            opt(
                "replyBroadcast",
                Type::Bool,
                "Broadcast a thread reply to the channel.",
            ),
            opt(
                "sendAsText",
                Type::Bool,
                "Send as text, not as an attachment.",
            ),
            opt("teamDomain", Type::String, "The Slack workspace's domain."),
            opt(
                "timestamp",
                Type::String,
                "Timestamp of a message to reply to or update.",
            ),
            opt(
                "token",
                Type::String,
                "An integration token (prefer `tokenCredentialId`).",
            ),
            opt(
                "tokenCredentialId",
                Type::String,
                "Id of the credentials holding the token.",
            ),
            opt("username", Type::String, "The sender's name."),
        ],
        block: Block::None,
        example: "slackSend channel: '#builds', color: 'good', message: \"${env.JOB_NAME} passed\"",
        plugin: "slack",
    },
    Describable {
        name: "slackUploadFile",
        summary: "Uploads a workspace file to Slack.",
        params: &[
            req(
                "filePath",
                Type::String,
                "Ant-style pattern of the files to upload.",
            ),
            opt("channel", Type::String, "Comma-separated channels."),
            opt(
                "credentialId",
                Type::String,
                "Id of the credentials holding a bot token.",
            ),
            opt(
                "failOnError",
                Type::Bool,
                "Fail the build when the upload fails.",
            ),
            opt(
                "initialComment",
                Type::String,
                "A message posted with the file.",
            ),
        ],
        block: Block::None,
        example: "slackUploadFile channel: '#builds', filePath: 'report.html'",
        plugin: "slack",
    },
    Describable {
        name: "slackUserIdFromEmail",
        summary: "Returns the Slack user id of an email address.",
        params: &[
            req("email", Type::String, "The email address."),
            opt("botUser", Type::Bool, "Look up as the bot user."),
            opt(
                "tokenCredentialId",
                Type::String,
                "Id of the credentials holding the token.",
            ),
        ],
        block: Block::None,
        example: "def id = slackUserIdFromEmail 'dev@example.com'",
        plugin: "slack",
    },
    Describable {
        name: "slackUserIdsFromCommitters",
        summary: "Returns the Slack user ids of the build's committers.",
        params: &[
            opt("botUser", Type::Bool, "Look up as the bot user."),
            opt(
                "tokenCredentialId",
                Type::String,
                "Id of the credentials holding the token.",
            ),
        ],
        block: Block::None,
        example: "def ids = slackUserIdsFromCommitters()",
        plugin: "slack",
    },
    Describable {
        name: "sleep",
        summary: "Pauses the Pipeline for a time.",
        params: &[
            req("time", Type::Int, "How long to sleep."),
            def("unit", TIME_UNIT, "'SECONDS'", "Unit of `time`."),
        ],
        block: Block::None,
        example: "sleep time: 30, unit: 'SECONDS'",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "sshagent",
        summary: "Runs its body with an SSH agent holding the given private keys.",
        params: &[
            req(
                "credentials",
                Type::StringList,
                "Ids of the SSH private key credentials.",
            ),
            def(
                "ignoreMissing",
                Type::Bool,
                "false",
                "Continue when a credential is not found.",
            ),
        ],
        block: Block::Required,
        example: "sshagent(['deploy-key']) { sh 'git push origin main' }",
        plugin: "ssh-agent",
    },
    Describable {
        name: "stage",
        summary: "Runs its body as a named stage of the Pipeline.",
        params: &[
            req("name", Type::String, "The stage's name."),
            opt(
                "concurrency",
                Type::Int,
                "Deprecated: no longer has an effect; use `lock` or `milestone`.",
            ),
        ],
        block: Block::Required,
        example: "stage('Build') { sh 'make' }",
        plugin: "pipeline-stage-step",
    },
    Describable {
        name: "stash",
        summary: "Stores files of the workspace for use later in the build, on any agent.",
        params: &[
            req("name", Type::String, "The stash's name."),
            def(
                "allowEmpty",
                Type::Bool,
                "false",
                "Allow a stash with no files.",
            ),
            opt(
                "excludes",
                Type::String,
                "Comma-separated Ant-style patterns of files to leave out.",
            ),
            opt(
                "includes",
                Type::String,
                "Comma-separated Ant-style patterns of the files; all when not given.",
            ),
            def(
                "useDefaultExcludes",
                Type::Bool,
                "true",
                "Apply Ant's default excludes.",
            ),
        ],
        block: Block::None,
        example: "stash name: 'dist', includes: 'dist/**'",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "step",
        summary: "Runs a build step (a `SimpleBuildStep`) given as a describable.",
        params: &[req(
            "delegate",
            Type::Any,
            "The build step: `[$class: 'JUnitResultArchiver', testResults: '...']`.",
        )],
        block: Block::None,
        example: "step([$class: 'Mailer', recipients: 'team@example.com'])",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "tar",
        summary: "Creates a tar file of files in the workspace.",
        params: &[
            req("file", Type::String, "Path of the tar file to create."),
            def(
                "archive",
                Type::Bool,
                "false",
                "Also archive the tar file as an artifact.",
            ),
            def("compress", Type::Bool, "true", "Compress with gzip."),
            def(
                "defaultExcludes",
                Type::Bool,
                "true",
                "Apply Ant's default excludes.",
            ),
            opt(
                "dir",
                Type::String,
                "Directory to archive; the current one when not given.",
            ),
            opt(
                "exclude",
                Type::String,
                "Ant-style pattern of files to leave out.",
            ),
            opt(
                "glob",
                Type::String,
                "Ant-style pattern of the files to include; all when not given.",
            ),
            def(
                "overwrite",
                Type::Bool,
                "false",
                "Overwrite an existing file.",
            ),
        ],
        block: Block::None,
        example: "tar file: 'dist.tgz', dir: 'dist', archive: true",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "tee",
        summary: "Copies the console output of its body to a file.",
        params: &[req(
            "file",
            Type::String,
            "Path of the file, relative to the current directory.",
        )],
        block: Block::Required,
        example: "tee('build.log') { sh 'make' }",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "timeout",
        summary: "Aborts its body when it runs longer than a time.",
        params: &[
            req("time", Type::Int, "The time limit."),
            def(
                "activity",
                Type::Bool,
                "false",
                "Count the time since the last log output instead of the total time.",
            ),
            def("unit", TIME_UNIT, "'MINUTES'", "Unit of `time`."),
        ],
        block: Block::Required,
        example: "timeout(time: 10, unit: 'MINUTES') { sh './integration-tests.sh' }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "timestamps",
        summary: "Prefixes the console output of its body with timestamps.",
        params: &[],
        block: Block::Required,
        example: "timestamps { sh 'make' }",
        plugin: "timestamper",
    },
    Describable {
        name: "tool",
        summary: "Installs a tool if needed and returns its home directory.",
        params: &[
            req("name", Type::String, "The tool installation's name."),
            opt(
                "type",
                Type::String,
                "The tool type (its descriptor id or symbol, e.g. `maven`), to disambiguate.",
            ),
        ],
        block: Block::None,
        example: "def mvnHome = tool name: 'maven-3', type: 'maven'",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "touch",
        summary: "Creates a file if missing and sets its modification time.",
        params: &[
            req(
                "file",
                Type::String,
                "Path of the file, relative to the current directory.",
            ),
            opt(
                "timestamp",
                Type::Long,
                "Modification time in milliseconds since the epoch; now when not given.",
            ),
        ],
        block: Block::None,
        example: "touch file: '.done'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "unarchive",
        summary: "Copies archived artifacts into the workspace (deprecated).",
        params: &[opt(
            "mapping",
            Type::Any,
            "A map from artifact paths to workspace paths.",
        )],
        block: Block::None,
        example: "unarchive mapping: ['target/app.jar': 'app.jar']",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "unstable",
        summary: "Sets the build and stage result to UNSTABLE, with a message.",
        params: &[req("message", Type::String, "Why; must not be empty.")],
        block: Block::None,
        example: "unstable 'Coverage below threshold'",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "unstash",
        summary: "Restores files stored with `stash` into the current directory.",
        params: &[req("name", Type::String, "The stash's name.")],
        block: Block::None,
        example: "unstash 'dist'",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "untar",
        summary: "Extracts a tar file into the workspace.",
        params: &[
            req("file", Type::String, "Path of the tar file."),
            opt(
                "dir",
                Type::String,
                "Directory to extract into; the current one when not given.",
            ),
            opt(
                "glob",
                Type::String,
                "Ant-style pattern of the entries to extract; all when not given.",
            ),
            def(
                "keepPermissions",
                Type::Bool,
                "true",
                "Keep the entries' file permissions.",
            ),
            def(
                "quiet",
                Type::Bool,
                "false",
                "Do not log every extracted file.",
            ),
            def(
                "test",
                Type::Bool,
                "false",
                "Only test the archive's integrity.",
            ),
        ],
        block: Block::None,
        example: "untar file: 'dist.tgz', dir: 'out'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "unzip",
        summary: "Extracts a zip file into the workspace, or reads its entries.",
        params: &[
            req("zipFile", Type::String, "Path of the zip file."),
            def(
                "charset",
                Type::String,
                "'UTF-8'",
                "Character set of the entries' names.",
            ),
            opt(
                "dir",
                Type::String,
                "Directory to extract into; the current one when not given.",
            ),
            opt(
                "file",
                Type::String,
                "Same as `zipFile` (inherited setter).",
            ),
            opt(
                "glob",
                Type::String,
                "Ant-style pattern of the entries to extract; all when not given.",
            ),
            def(
                "quiet",
                Type::Bool,
                "false",
                "Do not log every extracted file.",
            ),
            def(
                "read",
                Type::Bool,
                "false",
                "Return the entries' contents as a map instead of extracting.",
            ),
            def(
                "test",
                Type::Bool,
                "false",
                "Only test the archive's integrity.",
            ),
        ],
        block: Block::None,
        example: "unzip zipFile: 'dist.zip', dir: 'out'",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "updateLock",
        summary: "Creates, deletes or relabels a lockable resource.",
        params: &[
            opt("addLabels", Type::String, "Space-separated labels to add."),
            def(
                "createResource",
                Type::Bool,
                "false",
                "Create the resource when it does not exist.",
            ),
            def(
                "deleteResource",
                Type::Bool,
                "false",
                "Delete the resource.",
            ),
            opt(
                "removeLabels",
                Type::String,
                "Space-separated labels to remove.",
            ),
            opt("resource", Type::String, "The resource's name."),
            opt(
                "setLabels",
                Type::String,
                "Space-separated labels replacing the current ones.",
            ),
            opt("setNote", Type::String, "A note to set on the resource."),
        ],
        block: Block::None,
        example: "updateLock resource: 'staging', createResource: true, setLabels: 'env'",
        plugin: "lockable-resources",
    },
    Describable {
        name: "validateDeclarativePipeline",
        summary: "Validates a Declarative Pipeline file; returns whether it is valid.",
        params: &[req(
            "path",
            Type::String,
            "Path of the Jenkinsfile, relative to the workspace.",
        )],
        block: Block::None,
        example: "def ok = validateDeclarativePipeline 'Jenkinsfile'",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "verifyMd5",
        summary: "Fails unless a file has the given MD5.",
        params: &[
            req(
                "file",
                Type::String,
                "Path of the file, relative to the current directory.",
            ),
            req("hash", Type::String, "The expected MD5, in hex."),
        ],
        block: Block::None,
        example: "verifyMd5 file: 'app.tar.gz', hash: expected",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "verifySha1",
        summary: "Fails unless a file has the given SHA-1.",
        params: &[
            req(
                "file",
                Type::String,
                "Path of the file, relative to the current directory.",
            ),
            req("hash", Type::String, "The expected SHA-1, in hex."),
        ],
        block: Block::None,
        example: "verifySha1 file: 'app.tar.gz', hash: expected",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "verifySha256",
        summary: "Fails unless a file has the given SHA-256.",
        params: &[
            req(
                "file",
                Type::String,
                "Path of the file, relative to the current directory.",
            ),
            req("hash", Type::String, "The expected SHA-256, in hex."),
        ],
        block: Block::None,
        example: "verifySha256 file: 'app.tar.gz', hash: expected",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "waitForBuild",
        summary: "Waits for a build started with `build(wait: false)` to complete.",
        params: &[
            req(
                "runId",
                Type::String,
                "Id of the build to wait for (the `externalizableId` of `build`'s result).",
            ),
            def(
                "propagate",
                Type::Bool,
                "false",
                "Fail this build when that build does not succeed.",
            ),
            def(
                "propagateAbort",
                Type::Bool,
                "false",
                "Abort this build when that one is aborted.",
            ),
        ],
        block: Block::None,
        example: "waitForBuild runId: started.externalizableId, propagate: true",
        plugin: "pipeline-build-step",
    },
    Describable {
        name: "waitForQualityGate",
        summary: "Waits for the SonarQube analysis's quality gate; returns its status.",
        params: &[
            req(
                "abortPipeline",
                Type::Bool,
                "Fail the Pipeline when the quality gate fails.",
            ),
            opt(
                "credentialsId",
                Type::String,
                "Id of the credentials for the SonarQube server.",
            ),
            opt(
                "webhookSecretId",
                Type::String,
                "Id of the credentials holding the webhook secret.",
            ),
        ],
        block: Block::None,
        example: "waitForQualityGate abortPipeline: true",
        plugin: "sonar",
    },
    Describable {
        name: "waitUntil",
        summary: "Runs its body again and again until it returns true.",
        params: &[
            def(
                "initialRecurrencePeriod",
                Type::Long,
                "250",
                "Milliseconds before the first retry (grows up to 15 s).",
            ),
            def("quiet", Type::Bool, "false", "Do not log every retry."),
        ],
        block: Block::Required,
        example: "waitUntil { sh(script: 'curl -sf http://app/health', returnStatus: true) == 0 }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "warnError",
        summary: "Catches an error in its body, marks the build and stage UNSTABLE, and continues.",
        params: &[
            req(
                "message",
                Type::String,
                "A message logged when an error is caught; must not be empty.",
            ),
            def(
                "catchInterruptions",
                Type::Bool,
                "true",
                "Also catch interruptions such as aborts and timeouts.",
            ),
        ],
        block: Block::Required,
        example: "warnError('Lint failed') { sh 'make lint' }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "withCredentials",
        summary: "Binds credentials to environment variables for its body.",
        params: &[req(
            "bindings",
            Type::NestedList("binding"),
            "The bindings: `usernamePassword(...)`, `string(...)`, `file(...)`...",
        )],
        block: Block::Required,
        example: "withCredentials([string(credentialsId: 'api-token', variable: 'TOKEN')]) { sh 'curl -H \"Authorization: $TOKEN\" ...' }",
        plugin: "credentials-binding",
    },
    Describable {
        name: "withDockerContainer",
        summary: "Runs the steps of its body inside a Docker container.",
        params: &[
            req("image", Type::String, "The image to run."),
            opt("args", Type::String, "Extra `docker run` arguments."),
            opt("toolName", Type::String, "The Docker installation to use."),
        ],
        block: Block::Required,
        example: "withDockerContainer(image: 'node:20', args: '-u root') { sh 'npm ci' }",
        plugin: "docker-workflow",
    },
    Describable {
        name: "withDockerRegistry",
        summary: "Logs in to a Docker registry for its body.",
        params: &[
            opt(
                "credentialsId",
                Type::String,
                "Id of the registry credentials (instead of `registry`).",
            ),
            opt(
                "registry",
                Type::Any,
                "The registry: `[url: ..., credentialsId: ...]` (instead of `url`).",
            ),
            opt("toolName", Type::String, "The Docker installation to use."),
            opt(
                "url",
                Type::String,
                "The registry's URL (instead of `registry`).",
            ),
        ],
        block: Block::Required,
        example: "withDockerRegistry(url: 'https://registry.example.com', credentialsId: 'registry') { sh 'docker push app' }",
        plugin: "docker-workflow",
    },
    Describable {
        name: "withDockerServer",
        summary: "Points Docker commands in its body at a Docker server.",
        params: &[req(
            "server",
            Type::Any,
            "The server: `[uri: 'tcp://...', credentialsId: ...]`.",
        )],
        block: Block::Required,
        example: "withDockerServer([uri: 'tcp://docker.example.com:2376', credentialsId: 'docker-tls']) { sh 'docker ps' }",
        plugin: "docker-workflow",
    },
    Describable {
        name: "withEnv",
        summary: "Sets environment variables for its body.",
        params: &[req(
            "overrides",
            Type::StringList,
            "The variables, as `NAME=value` strings.",
        )],
        block: Block::Required,
        example: "withEnv(['GOOS=linux', 'CGO_ENABLED=0']) { sh 'go build' }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "withKubeConfig",
        summary: "Sets up a kubeconfig for `kubectl` in its body.",
        params: &[
            opt(
                "caCertificate",
                Type::String,
                "The cluster's CA certificate.",
            ),
            opt("clusterName", Type::String, "The cluster's name."),
            opt(
                "contextName",
                Type::String,
                "The kubeconfig context to use.",
            ),
            opt(
                "credentialsId",
                Type::String,
                "Id of the credentials to authenticate with.",
            ),
            opt("namespace", Type::String, "The default namespace."),
            opt(
                "restrictKubeConfigAccess",
                Type::Bool,
                "Make the kubeconfig readable by its owner only.",
            ),
            opt("serverUrl", Type::String, "The API server's URL."),
        ],
        block: Block::Required,
        example: "withKubeConfig(credentialsId: 'k8s', serverUrl: 'https://k8s.example.com') { sh 'kubectl get pods' }",
        plugin: "kubernetes-cli",
    },
    Describable {
        name: "withKubeCredentials",
        summary: "Sets up a kubeconfig with several clusters for `kubectl` in its body.",
        params: &[req(
            "kubectlCredentials",
            Type::Any,
            "The clusters: `[[credentialsId: ..., serverUrl: ...], ...]`; must not be empty.",
        )],
        block: Block::Required,
        example: "withKubeCredentials(kubectlCredentials: [[credentialsId: 'k8s', serverUrl: 'https://k8s.example.com']]) { sh 'kubectl get ns' }",
        plugin: "kubernetes-cli",
    },
    Describable {
        name: "withMaven",
        summary: "Sets up Maven, its settings and reporting for `mvn` in its body.",
        params: &[
            opt(
                "globalMavenSettingsConfig",
                Type::String,
                "Id of a managed global settings.xml.",
            ),
            opt(
                "globalMavenSettingsFilePath",
                Type::String,
                "Path of a global settings.xml.",
            ),
            opt("jdk", Type::String, "The JDK installation to use."),
            opt("maven", Type::String, "The Maven installation to use."),
            opt(
                "mavenLocalRepo",
                Type::String,
                "Path of the local repository.",
            ),
            opt("mavenOpts", Type::String, "The `MAVEN_OPTS` to use."),
            opt(
                "mavenSettingsConfig",
                Type::String,
                "Id of a managed settings.xml.",
            ),
            opt(
                "mavenSettingsFilePath",
                Type::String,
                "Path of a settings.xml.",
            ),
            opt(
                "options",
                Type::Any,
                "Publisher options: `[junitPublisher(disabled: true)]`...",
            ),
            def(
                "publisherStrategy",
                Type::Enum {
                    class: "org.jenkinsci.plugins.pipeline.maven.MavenPublisherStrategy",
                    values: &["IMPLICIT", "EXPLICIT"],
                },
                "'IMPLICIT'",
                "Whether all publishers run (`IMPLICIT`) or only those in `options`.",
            ),
            opt(
                "tempBinDir",
                Type::String,
                "Directory for the generated `mvn` wrapper.",
            ),
            opt(
                "traceability",
                Type::Bool,
                "Log the Maven configuration used.",
            ),
        ],
        block: Block::Required,
        example: "withMaven(maven: 'maven-3', jdk: 'jdk-17') { sh 'mvn -B verify' }",
        plugin: "pipeline-maven",
    },
    Describable {
        name: "withSonarQubeEnv",
        summary: "Sets the SonarQube server's environment for an analysis in its body.",
        params: &[
            req(
                "installationName",
                Type::String,
                "The SonarQube installation; the only one when null.",
            ),
            opt(
                "credentialsId",
                Type::String,
                "Id of the credentials overriding the installation's token.",
            ),
            def(
                "envOnly",
                Type::Bool,
                "false",
                "Only set the environment variables, not the scanner properties.",
            ),
        ],
        block: Block::Required,
        example: "withSonarQubeEnv('sonar') { sh 'mvn sonar:sonar' }",
        plugin: "sonar",
    },
    Describable {
        name: "wrap",
        summary: "Runs its body inside a build wrapper (a `SimpleBuildWrapper`) given as a describable.",
        params: &[req(
            "delegate",
            Type::Any,
            "The build wrapper: `[$class: 'AnsiColorBuildWrapper', colorMapName: 'xterm']`.",
        )],
        block: Block::Required,
        example: "wrap([$class: 'TimestamperBuildWrapper']) { sh 'make' }",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "writeCSV",
        summary: "Writes records to a CSV file.",
        params: &[
            req(
                "file",
                Type::String,
                "Path of the file, relative to the current directory.",
            ),
            req("records", Type::Any, "The records: a list of lists."),
            opt(
                "format",
                Type::Any,
                "An Apache Commons CSV `CSVFormat`; `CSVFormat.DEFAULT` when not given.",
            ),
        ],
        block: Block::None,
        example: "writeCSV file: 'out.csv', records: [['name', 'size'], ['a', 1]]",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "writeFile",
        summary: "Writes text to a file in the workspace.",
        params: &[
            req(
                "file",
                Type::String,
                "Path of the file, relative to the current directory.",
            ),
            req("text", Type::String, "The text to write."),
            opt(
                "encoding",
                Type::String,
                "The file's encoding, or `Base64` to write decoded Base64 text.",
            ),
        ],
        block: Block::None,
        example: "writeFile file: 'VERSION', text: version",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "writeJSON",
        summary: "Writes a JSON object to a file or returns it as text.",
        params: &[
            req(
                "json",
                Type::Any,
                "The object to write: a map, a list or a JSON object.",
            ),
            opt(
                "file",
                Type::String,
                "Path of the file; required unless `returnText` is true.",
            ),
            def(
                "pretty",
                Type::Int,
                "0",
                "Indentation for pretty-printing (0: compact).",
            ),
            def(
                "returnText",
                Type::Bool,
                "false",
                "Return the JSON text instead of writing a file.",
            ),
        ],
        block: Block::None,
        example: "writeJSON file: 'out.json', json: data, pretty: 2",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "writeMavenPom",
        summary: "Writes a Maven `Model` to a POM file.",
        params: &[
            req(
                "model",
                Type::Any,
                "The model, as returned by `readMavenPom`.",
            ),
            def(
                "file",
                Type::String,
                "'pom.xml'",
                "Path of the POM, relative to the current directory.",
            ),
        ],
        block: Block::None,
        example: "writeMavenPom model: pom",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "writeTOML",
        summary: "Writes an object as TOML to a file or returns it as text.",
        params: &[
            req("toml", Type::Any, "The object to write, usually a map."),
            opt(
                "file",
                Type::String,
                "Path of the file; required unless `returnText` is true.",
            ),
            def(
                "returnText",
                Type::Bool,
                "false",
                "Return the TOML text instead of writing a file.",
            ),
        ],
        block: Block::None,
        example: "writeTOML file: 'config.toml', toml: cfg",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "writeYaml",
        summary: "Writes an object (or several documents) as YAML to a file or returns it as text.",
        params: &[
            opt("charset", Type::String, "The file's character set."),
            opt(
                "data",
                Type::Any,
                "The object to write; give `data` or `datas`.",
            ),
            opt(
                "datas",
                Type::Any,
                "Several objects to write as separate documents.",
            ),
            opt(
                "file",
                Type::String,
                "Path of the file; required unless `returnText` is true.",
            ),
            def(
                "overwrite",
                Type::Bool,
                "false",
                "Overwrite an existing file.",
            ),
            def(
                "returnText",
                Type::Bool,
                "false",
                "Return the YAML text instead of writing a file.",
            ),
        ],
        block: Block::None,
        example: "writeYaml file: 'values.yaml', data: values, overwrite: true",
        plugin: "pipeline-utility-steps",
    },
    Describable {
        name: "ws",
        summary: "Allocates a workspace, by path, for its body.",
        params: &[req(
            "dir",
            Type::String,
            "Path of the workspace; relative paths are under the agent's workspace root.",
        )],
        block: Block::Required,
        example: "ws('/var/builds/shared') { sh 'make' }",
        plugin: "workflow-durable-task-step",
    },
    Describable {
        name: "zip",
        summary: "Creates a zip file of files in the workspace.",
        params: &[
            req("zipFile", Type::String, "Path of the zip file to create."),
            def(
                "archive",
                Type::Bool,
                "false",
                "Also archive the zip file as an artifact.",
            ),
            def(
                "defaultExcludes",
                Type::Bool,
                "true",
                "Apply Ant's default excludes.",
            ),
            opt(
                "dir",
                Type::String,
                "Directory to archive; the current one when not given.",
            ),
            opt(
                "exclude",
                Type::String,
                "Ant-style pattern of files to leave out.",
            ),
            opt(
                "file",
                Type::String,
                "Same as `zipFile` (inherited setter).",
            ),
            opt(
                "glob",
                Type::String,
                "Ant-style pattern of the files to include; all when not given.",
            ),
            def(
                "overwrite",
                Type::Bool,
                "false",
                "Overwrite an existing file.",
            ),
        ],
        block: Block::None,
        example: "zip zipFile: 'dist.zip', dir: 'dist', archive: true",
        plugin: "pipeline-utility-steps",
    },
];

/// The credentials bindings `withCredentials` takes (family `binding`), sorted by name.
///
/// Jenkins' Declarative validator rejects unknown parameter names in these but does not check
/// required ones (it checks those only for steps), and other plugins add bindings not listed
/// here: a binding that is not here must not be rejected.
pub static BINDINGS: &[Describable] = &[
    Describable {
        name: "aws",
        summary: "Binds an AWS access key and secret key (and session token) to variables.",
        params: &[
            req(
                "accessKeyVariable",
                Type::String,
                "Variable for the access key id; `AWS_ACCESS_KEY_ID` when null.",
            ),
            req(
                "secretKeyVariable",
                Type::String,
                "Variable for the secret key; `AWS_SECRET_ACCESS_KEY` when null.",
            ),
            req("credentialsId", Type::String, "Id of the AWS credentials."),
            opt("roleArn", Type::String, "A role to assume."),
            opt(
                "roleSessionDurationSeconds",
                Type::Int,
                "Duration of the assumed role's session.",
            ),
            opt(
                "roleSessionName",
                Type::String,
                "Name of the assumed role's session.",
            ),
        ],
        block: Block::None,
        example: "aws(credentialsId: 'aws', accessKeyVariable: 'AWS_ACCESS_KEY_ID', secretKeyVariable: 'AWS_SECRET_ACCESS_KEY')",
        plugin: "aws-credentials",
    },
    Describable {
        name: "certificate",
        summary: "Binds a certificate's keystore to a file variable.",
        params: &[
            req(
                "keystoreVariable",
                Type::String,
                "Variable for the keystore file's path.",
            ),
            req(
                "credentialsId",
                Type::String,
                "Id of the certificate credentials.",
            ),
            opt(
                "aliasVariable",
                Type::String,
                "Variable for the keystore alias.",
            ),
            opt(
                "passwordVariable",
                Type::String,
                "Variable for the keystore password.",
            ),
        ],
        block: Block::None,
        example: "certificate(credentialsId: 'signing', keystoreVariable: 'KEYSTORE', passwordVariable: 'KEYSTORE_PASS')",
        plugin: "credentials-binding",
    },
    Describable {
        name: "dockerCert",
        summary: "Binds a Docker server's client certificates to a directory variable.",
        params: &[
            req(
                "variable",
                Type::String,
                "Variable for the directory holding `ca.pem`, `cert.pem`, `key.pem`.",
            ),
            req(
                "credentialsId",
                Type::String,
                "Id of the Docker server credentials.",
            ),
        ],
        block: Block::None,
        example: "dockerCert(credentialsId: 'docker-tls', variable: 'DOCKER_CERT_PATH')",
        plugin: "docker-commons",
    },
    Describable {
        name: "file",
        summary: "Binds a secret file to a variable holding its temporary path.",
        params: &[
            req("variable", Type::String, "Variable for the file's path."),
            req(
                "credentialsId",
                Type::String,
                "Id of the secret file credentials.",
            ),
        ],
        block: Block::None,
        example: "file(credentialsId: 'kubeconfig', variable: 'KUBECONFIG')",
        plugin: "credentials-binding",
    },
    Describable {
        name: "gitUsernamePassword",
        summary: "Makes git commands in the body authenticate with a username and password.",
        params: &[
            req(
                "gitToolName",
                Type::String,
                "The Git installation whose `git` is used.",
            ),
            req(
                "credentialsId",
                Type::String,
                "Id of the username/password credentials.",
            ),
        ],
        block: Block::None,
        example: "gitUsernamePassword(credentialsId: 'github', gitToolName: 'Default')",
        plugin: "git",
    },
    Describable {
        name: "sshUserPrivateKey",
        summary: "Binds an SSH private key to a file variable, with its user name and passphrase.",
        params: &[
            req(
                "keyFileVariable",
                Type::String,
                "Variable for the key file's path.",
            ),
            req(
                "credentialsId",
                Type::String,
                "Id of the SSH private key credentials.",
            ),
            opt(
                "passphraseVariable",
                Type::String,
                "Variable for the passphrase.",
            ),
            opt(
                "usernameVariable",
                Type::String,
                "Variable for the user name.",
            ),
        ],
        block: Block::None,
        example: "sshUserPrivateKey(credentialsId: 'deploy', keyFileVariable: 'KEY', usernameVariable: 'USER')",
        plugin: "credentials-binding",
    },
    Describable {
        name: "string",
        summary: "Binds a secret text to a variable.",
        params: &[
            req("variable", Type::String, "Variable for the secret."),
            req(
                "credentialsId",
                Type::String,
                "Id of the secret text credentials.",
            ),
        ],
        block: Block::None,
        example: "string(credentialsId: 'api-token', variable: 'TOKEN')",
        plugin: "credentials-binding",
    },
    Describable {
        name: "usernameColonPassword",
        summary: "Binds `username:password` to one variable.",
        params: &[
            req(
                "variable",
                Type::String,
                "Variable for `username:password`.",
            ),
            req(
                "credentialsId",
                Type::String,
                "Id of the username/password credentials.",
            ),
        ],
        block: Block::None,
        example: "usernameColonPassword(credentialsId: 'nexus', variable: 'NEXUS_AUTH')",
        plugin: "credentials-binding",
    },
    Describable {
        name: "usernamePassword",
        summary: "Binds a username and a password to two variables.",
        params: &[
            req(
                "usernameVariable",
                Type::String,
                "Variable for the user name.",
            ),
            req(
                "passwordVariable",
                Type::String,
                "Variable for the password.",
            ),
            req(
                "credentialsId",
                Type::String,
                "Id of the username/password credentials.",
            ),
        ],
        block: Block::None,
        example: "usernamePassword(credentialsId: 'nexus', usernameVariable: 'USER', passwordVariable: 'PASS')",
        plugin: "credentials-binding",
    },
    Describable {
        name: "zip",
        summary: "Unpacks a secret zip file to a temporary directory bound to a variable.",
        params: &[
            req(
                "variable",
                Type::String,
                "Variable for the directory's path.",
            ),
            req(
                "credentialsId",
                Type::String,
                "Id of the secret file credentials holding the zip.",
            ),
        ],
        block: Block::None,
        example: "zip(credentialsId: 'certs-zip', variable: 'CERTS')",
        plugin: "credentials-binding",
    },
];

/// The describables of a nested family defined in this module (`binding`), or `None` for a
/// family this module does not define.
#[must_use]
pub fn family(name: &str) -> Option<&'static [Describable]> {
    match name {
        "binding" => Some(BINDINGS),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{BINDINGS, STEPS, family};
    use crate::catalog::{Block, Describable, Type};
    use std::fmt::Write as _;

    fn check_list(list: &[Describable]) {
        for pair in list.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "not sorted or not unique: {} then {}",
                pair[0].name,
                pair[1].name
            );
        }
        for d in list {
            assert!(
                !d.summary.is_empty() && !d.summary.contains('\n'),
                "{}: summary",
                d.name
            );
            assert!(!d.plugin.is_empty(), "{}: plugin", d.name);
            assert!(
                d.example.contains(d.name),
                "{}: example does not use it",
                d.name
            );
            let mut names: Vec<&str> = d.params.iter().map(|p| p.name).collect();
            names.sort_unstable();
            for pair in names.windows(2) {
                assert!(
                    pair[0] != pair[1],
                    "{}: parameter {} twice",
                    d.name,
                    pair[0]
                );
            }
            for p in d.params {
                assert!(!p.doc.is_empty(), "{}.{}: doc", d.name, p.name);
                assert!(
                    !(p.required && p.default.is_some()),
                    "{}.{}: a required parameter has no default",
                    d.name,
                    p.name
                );
                if let Type::Enum { values, .. } = &p.ty {
                    assert!(!values.is_empty(), "{}.{}: enum values", d.name, p.name);
                    if let Some(default) = p.default {
                        assert!(
                            values.iter().any(|v| default == format!("'{v}'")),
                            "{}.{}: default {default} is not a constant",
                            d.name,
                            p.name
                        );
                    }
                }
                if let Type::Nested(f) | Type::NestedList(f) = &p.ty {
                    assert!(
                        family(f).is_some_and(|l| !l.is_empty()),
                        "{}.{}: family {f} is not defined",
                        d.name,
                        p.name
                    );
                }
            }
        }
    }

    #[test]
    fn steps_are_sorted_unique_and_well_formed() {
        check_list(STEPS);
    }

    #[test]
    fn bindings_are_sorted_unique_and_well_formed() {
        check_list(BINDINGS);
        assert!(BINDINGS.iter().all(|b| b.block == Block::None));
    }

    #[test]
    fn step_lookup_finds_entries() {
        let sh = crate::catalog::step("sh").expect("sh");
        assert_eq!(sh.sole_required().map(|p| p.name), Some("script"));
        assert!(crate::catalog::step("timeout").is_some_and(Describable::takes_block));
        assert!(crate::catalog::step("parallel").is_none());
        assert!(family("nope").is_none());
    }

    fn type_name(ty: &Type) -> String {
        match ty {
            Type::String => "String".to_owned(),
            Type::Int => "int".to_owned(),
            Type::Long => "long".to_owned(),
            Type::Bool => "boolean".to_owned(),
            Type::Double => "double".to_owned(),
            Type::Enum { class, values } => {
                let short = class.rsplit('.').next().unwrap_or(class);
                format!("{short}: {}", values.join(", "))
            }
            Type::StringList => "List<String>".to_owned(),
            Type::Nested(f) => format!("{f}(...)"),
            Type::NestedList(f) => format!("List of {f}(...)"),
            Type::Any => "Object".to_owned(),
        }
    }

    fn cell(text: &str) -> String {
        text.replace('|', "\\|")
    }

    fn render_section(out: &mut String, d: &Describable) {
        let _ = writeln!(out, "### `{}`\n", d.name);
        let _ = writeln!(out, "{}\n", d.summary);
        let block = if d.takes_block() {
            " Takes a `{ }` body."
        } else {
            ""
        };
        let _ = writeln!(out, "Plugin: `{}`.{block}\n", d.plugin);
        if d.params.is_empty() {
            let _ = writeln!(out, "No parameters.\n");
        } else {
            let _ = writeln!(out, "| name | type | required | default | doc |");
            let _ = writeln!(out, "|---|---|---|---|---|");
            for p in d.params {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} |",
                    p.name,
                    cell(&type_name(&p.ty)),
                    if p.required { "yes" } else { "no" },
                    p.default
                        .map_or(String::new(), |v| format!("`{}`", cell(v))),
                    cell(p.doc)
                );
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "```groovy\n{}\n```\n", d.example);
    }

    fn render() -> String {
        let mut out = String::new();
        out.push_str(
            "# Pipeline steps\n\n\
             <!-- Generated from src/catalog/steps.rs by its tests; do not edit by hand.\n     \
             Regenerate with: JFRUN_BLESS=1 cargo test catalog::steps -->\n\n\
             The steps `jfrun lint` checks, with the parameters the plugins accept. \"required\" means \
             a `@DataBoundConstructor` parameter; the others are `@DataBoundSetter`s. A step that is \
             not listed is not checked.\n\n## Steps\n\n",
        );
        for d in STEPS {
            render_section(&mut out, d);
        }
        out.push_str("## Credentials bindings (`withCredentials`)\n\n");
        for d in BINDINGS {
            render_section(&mut out, d);
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }

    /// docs/steps.md is rendered from this module; `JFRUN_BLESS=1` rewrites it.
    #[test]
    fn docs_steps_md_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/steps.md");
        let want = render();
        if std::env::var_os("JFRUN_BLESS").is_some() {
            std::fs::write(&path, &want).expect("write docs/steps.md");
            return;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/steps.md is out of date: run JFRUN_BLESS=1 cargo test catalog::steps"
        );
    }
}
