// Loop-heavy Groovy, the kind a Jenkinsfile's helper code does in bulk: recursion, building
// and joining a large list, many regex matches, map updates and string building.
def fib(n) { n < 2 ? n : fib(n - 1) + fib(n - 2) }
println "fib(25) = ${fib(25)}"

def items = []
for (int i = 0; i < 100000; i++) {
    items << "item-$i"
}
def joined = items.join(',')
println "joined ${items.size()} items into ${joined.length()} characters"

int matches = 0
def versions = (0..<10000).collect { "release-${it % 7}.${it % 13}.${it}" }
versions.each { v ->
    def m = v =~ /release-(\d+)\.(\d+)\.(\d+)/
    if (m) {
        matches += m[0][3].toInteger() % 2
    }
}
println "odd patch versions: $matches"

def counts = [:]
(1..50000).each { n -> counts[n % 97] = (counts[n % 97] ?: 0) + n }
println "buckets: ${counts.size()}, total: ${counts.values().sum()}"

def sb = new StringBuilder()
1000.times { sb.append(it.toString().padLeft(5, '0')) }
println "built ${sb.length()} characters"
