// Groovy 2.4's own verdict on the syntax of each file given: "OK<TAB>file" or
// "ERR<TAB>file<TAB>line<TAB>message". It runs Groovy's parser and AST building
// (Phases.CONVERSION) and stops before class resolution, so `@Library`, `@NonCPS` and
// Jenkins steps need no classes. This is the oracle the parse fixtures are checked against:
//   apt-get install -y groovy
//   groovy scripts/groovy-syntax-check.groovy fixtures/jenkinsfiles/parse/*/*.groovy
import org.codehaus.groovy.control.CompilationFailedException
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases

args.each { path ->
    def unit = new CompilationUnit()
    unit.addSource(new File(path))
    try {
        unit.compile(Phases.CONVERSION)
        println "OK\t${path}"
    } catch (CompilationFailedException e) {
        def lines = e.message.readLines()
        def where = lines.find { it.contains('@ line') } ?: lines.take(2).join(' ')
        def match = where =~ /@ line (\d+)/
        println "ERR\t${path}\t${match ? match[0][1] : '?'}\t${where.trim()}"
    }
}
