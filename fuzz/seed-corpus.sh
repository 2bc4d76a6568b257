#!/usr/bin/env bash
# Seeds fuzz/corpus/parse/ with the Jenkinsfile fixtures (the corpus itself is not committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
dest="$here/corpus/parse"
mkdir -p "$dest"
n=0
while IFS= read -r -d '' f; do
    # Flatten the path into a unique file name: parse/ok/foo.groovy -> parse__ok__foo.groovy
    rel="${f#"$root/fixtures/jenkinsfiles/"}"
    cp "$f" "$dest/${rel//\//__}"
    n=$((n + 1))
done < <(find "$root/fixtures/jenkinsfiles" -type f \( -name '*.groovy' -o -name '*.Jenkinsfile' \) -print0)
echo "seeded $n files into $dest"
