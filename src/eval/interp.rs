//! The interpreter of one script: its class, binding, output, and where evaluation stands
//! ([`Env`]). Statements are run in `stmt`, expressions in `expr`, calls in `call`.

use std::io::Write;
use std::sync::Arc;

use indexmap::IndexMap;
use parking_lot::Mutex;

pub use super::call::Args;

use super::classes::{self, ClassDef};
use super::error::{Eval, Signal};
use super::scope::Scope;
use super::types::Type;
use super::value::{Closure, Object, Value};
use crate::syntax::ast::{self, StmtKind};

/// Stack left (bytes) below which a call fails with StackOverflowError, as the JVM does when
/// its thread stack runs out.
const STACK_RESERVE: usize = 512 * 1024;

/// Size of the stack a script runs on.
pub const SCRIPT_STACK: usize = 256 * 1024 * 1024;

/// Iterations after which a loop is stopped (a runaway loop must not hang jfrun forever).
pub const MAX_LOOP_ITERATIONS: u64 = 2_000_000_000;

/// Where evaluation stands: local variables, `this`, the class whose code runs, the closure
/// being run.
#[derive(Clone)]
pub struct Env<'a> {
    /// Local variables.
    pub scope: Scope<'a>,
    /// `this`: the script object, an instance, or the class in static code.
    pub this: Value<'a>,
    /// The class whose code this is.
    pub class: Arc<ClassDef<'a>>,
    /// The innermost closure being run.
    pub closure: Option<Arc<Closure<'a>>>,
    /// Whether this is static code.
    pub is_static: bool,
}

/// `import static C.member [as alias]`, or `import static C.*` (no member, no alias).
struct StaticImport {
    /// The class, as written.
    class: String,
    /// The member imported.
    member: Option<String>,
    /// The name the script uses for it.
    alias: Option<String>,
}

/// Where a script's output goes.
pub type Output<'a> = Box<dyn Write + Send + 'a>;

/// A Groovy interpreter for one script.
pub struct Interp<'a> {
    /// The script's class (`WorkflowScript`).
    pub script_class: Arc<ClassDef<'a>>,
    /// The script object.
    pub script: Value<'a>,
    /// The script's binding: variables assigned without `def`.
    pub binding: Mutex<IndexMap<String, Value<'a>>>,
    /// Classes defined in the script, by name.
    pub classes: IndexMap<String, Arc<ClassDef<'a>>>,
    /// Standard output.
    pub out: Mutex<Output<'a>>,
    /// Closure class names by AST address.
    pub(super) closure_names: IndexMap<usize, Arc<str>>,
    /// The script's AST.
    ast: &'a ast::Script,
    /// String literals, one object per text as Java interns them (`'x'.is('x')`).
    literals: Mutex<std::collections::HashMap<&'a str, Arc<str>>>,
    /// Classes imported by name: simple name (or alias) → full name.
    imports: IndexMap<String, String>,
    /// Packages imported with `.*`, each ending in `.`.
    star_imports: Vec<String>,
    /// `import static C.m` and `import static C.*`.
    static_imports: Vec<StaticImport>,
    /// The program running the script (steps, globals), if any.
    pub host: Option<std::sync::Arc<dyn super::host::Host<'a> + 'a>>,
    /// Global variables defined by scripts (a shared library's `vars/NAME.groovy`), once
    /// exposed: `NAME(...)` calls the script's `call`, `NAME.m()` its method `m`.
    globals: Mutex<IndexMap<String, Arc<ClassDef<'a>>>>,
    /// The classes of the global variable scripts loaded, exposed or not.
    global_scripts: Vec<Arc<ClassDef<'a>>>,
}

impl<'a> Interp<'a> {
    /// Prepares `script` to run as class `class_name`, printing to `out`.
    #[must_use]
    pub fn new(script: &'a ast::Script, class_name: &str, out: Output<'a>) -> Self {
        let script_class = Arc::new(classes::script_class(class_name, script));
        let classes = super::object::define_classes(&[script]);
        let this = Object::new(Type::User(script_class.clone()), IndexMap::new());
        let closure_names = super::object::closure_names(script, class_name);
        let mut interp = Interp {
            script_class,
            script: this,
            binding: Mutex::new(IndexMap::new()),
            classes,
            out: Mutex::new(out),
            closure_names,
            ast: script,
            imports: IndexMap::new(),
            star_imports: Vec::new(),
            static_imports: Vec::new(),
            literals: Mutex::new(std::collections::HashMap::new()),
            host: None,
            globals: Mutex::new(IndexMap::new()),
            global_scripts: Vec::new(),
        };
        interp.add_imports(script);
        interp
    }

    /// Loads code that runs beside the script: the classes of `class_files` (a shared
    /// library's `src/`, each file in its package) and one script class per global variable
    /// script (`vars/NAME.groovy`, its class named `NAME`), which [`Interp::expose`] later
    /// makes reachable by its index in `global_scripts`. Called once, before the script runs:
    /// classes of every file can then name each other.
    pub fn load(
        &mut self,
        class_files: &[&'a ast::Script],
        global_scripts: &[(&str, &'a ast::Script)],
    ) {
        let mut files = vec![self.ast];
        files.extend(class_files.iter().copied());
        files.extend(global_scripts.iter().map(|(_, s)| *s));
        self.classes = super::object::define_classes(&files);
        for file in class_files.iter().copied() {
            self.add_imports(file);
        }
        for (name, script) in global_scripts {
            self.add_imports(script);
            self.closure_names
                .extend(super::object::closure_names(script, name));
            self.global_scripts
                .push(Arc::new(classes::script_class(name, script)));
        }
    }

    /// Makes the global variable script loaded at `index` reachable as `name`, unless a
    /// script exposed earlier already has that name: as on a class path, the first wins.
    pub fn expose(&self, name: &str, index: usize) {
        if let Some(class) = self.global_scripts.get(index) {
            self.globals
                .lock()
                .entry(name.to_owned())
                .or_insert_with(|| class.clone());
        }
    }

    /// The object of the global variable script exposed as `name`, made on first use and
    /// kept in the binding, as Jenkins keeps it.
    pub(super) fn global_object(&self, name: &str) -> Eval<'a> {
        let Some(class) = self.globals.lock().get(name).cloned() else {
            return Ok(Value::Null);
        };
        if let Some(v) = self.binding.lock().get(name) {
            return Ok(v.clone());
        }
        let obj = Object::new(Type::User(class.clone()), IndexMap::new());
        self.init_script_fields(&obj, &class)?;
        self.binding.lock().insert(name.to_owned(), obj.clone());
        Ok(obj)
    }

    /// Sets the `@Field` fields of `obj`, an object of the script class `class`, from their
    /// initialisers, in order.
    fn init_script_fields(
        &self,
        obj: &Value<'a>,
        class: &Arc<ClassDef<'a>>,
    ) -> Result<(), Signal<'a>> {
        let env = Env {
            scope: Scope::root(),
            this: obj.clone(),
            class: class.clone(),
            closure: None,
            is_static: false,
        };
        for f in &class.fields {
            let value = match f.init {
                Some(e) => self.eval(e, &env)?,
                None => super::ops::default_value(f.ty),
            };
            let value = self.coerce_declared(value, f.ty, f.span)?;
            if let Value::Object(o) = obj {
                o.fields.lock().insert(f.name.to_owned(), value);
            }
        }
        Ok(())
    }

    /// Whether `name` is an exposed global variable script.
    pub(super) fn is_global(&self, name: &str) -> bool {
        self.globals.lock().contains_key(name)
    }

    /// `name(args)` on the global variable script of that name, if there is one: its
    /// `call` method.
    pub(super) fn global_call(
        &self,
        name: &str,
        args: &Args<'a>,
        span: crate::source::Span,
    ) -> Result<Option<Value<'a>>, Signal<'a>> {
        if !self.is_global(name) {
            return Ok(None);
        }
        let obj = self.global_object(name)?;
        self.invoke_method(&obj, "call", args.clone(), span)
            .map(Some)
    }

    /// The class and static member a name stands for through `import static`: the member
    /// imported under that name, or a static method or field of a class imported with `.*`.
    pub(super) fn static_import(&self, name: &str) -> Option<(Type<'a>, String)> {
        for import in &self.static_imports {
            let Some(class) = self.class_by_name(&import.class) else {
                continue;
            };
            match (&import.member, &import.alias) {
                (Some(member), Some(alias)) if alias == name => {
                    return Some((class, member.clone()));
                }
                (None, _) => {
                    if let Type::User(c) = &class {
                        let has_method = c
                            .find_methods(name)
                            .iter()
                            .any(|(_, m)| classes::is_static(&m.modifiers));
                        let has_field = c.fields.iter().any(|f| f.is_static && f.name == name);
                        if has_method || has_field {
                            return Some((class, name.to_owned()));
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    fn add_imports(&mut self, script: &ast::Script) {
        for stmt in &script.statements {
            if let StmtKind::Import(i) = &stmt.kind {
                if i.is_static {
                    let (class, member) = if i.star {
                        (i.name.name.clone(), None)
                    } else {
                        match i.name.name.rsplit_once('.') {
                            Some((c, m)) => (c.to_owned(), Some(m.to_owned())),
                            None => continue,
                        }
                    };
                    let alias = i
                        .alias
                        .as_ref()
                        .map(|a| a.name.clone())
                        .or_else(|| member.clone());
                    self.static_imports.push(StaticImport {
                        class,
                        member,
                        alias,
                    });
                    continue;
                }
                if i.star {
                    let package = format!("{}.", i.name.name);
                    if !self.star_imports.contains(&package) {
                        self.star_imports.push(package);
                    }
                } else {
                    let simple = i.name.name.rsplit('.').next().unwrap_or(&i.name.name);
                    let alias = i.alias.as_ref().map_or(simple, |a| a.name.as_str());
                    self.imports
                        .entry(alias.to_owned())
                        .or_insert_with(|| i.name.name.clone());
                }
            }
        }
    }

    /// The one String object for a literal's text.
    pub fn literal(&self, text: &'a str) -> Value<'a> {
        Value::Str(
            self.literals
                .lock()
                .entry(text)
                .or_insert_with(|| Arc::from(text))
                .clone(),
        )
    }

    /// Runs the script body.
    pub fn run(&self) -> Eval<'a> {
        let env = Env {
            scope: Scope::root(),
            this: self.script.clone(),
            class: self.script_class.clone(),
            closure: None,
            is_static: false,
        };
        // @Field initialisers run first, in order.
        self.init_script_fields(&self.script, &self.script_class)?;
        let ast = self.ast;
        match self.exec_block(&ast.statements, &env) {
            Ok(v) | Err(Signal::Return(v)) => Ok(v),
            Err(Signal::Break(_) | Signal::Continue(_)) => Ok(Value::Null),
            Err(e) => Err(e),
        }
    }

    /// Runs statements written inside closure `c` (a declarative `steps { }` body's steps, seen
    /// through the `pipeline { }` closure that encloses them) with the variables `c` sees.
    pub fn exec_in(&self, c: &Value<'a>, stmts: &'a [ast::Stmt]) -> Eval<'a> {
        let env = self.env_in(c);
        self.exec_block(stmts, &env)
    }

    /// Evaluates an expression written inside closure `c` (an `environment` value, a `when`
    /// expression's body).
    pub fn eval_in(&self, c: &Value<'a>, expr: &'a ast::Expr) -> Eval<'a> {
        let env = self.env_in(c);
        self.eval(expr, &env)
    }

    /// Makes a closure value of closure syntax written inside closure `c`.
    #[must_use]
    pub fn closure_in(&self, c: &Value<'a>, closure: &'a ast::Closure) -> Value<'a> {
        let env = self.env_in(c);
        self.make_closure(closure, &env)
    }

    fn env_in(&self, c: &Value<'a>) -> Env<'a> {
        if let Value::Closure(cl) = c {
            if let super::value::ClosureBody::Code {
                scope,
                class,
                is_static,
                ..
            } = &cl.body
            {
                return Env {
                    scope: scope.child(),
                    this: cl.this.clone(),
                    class: class.clone(),
                    closure: Some(cl.clone()),
                    is_static: *is_static,
                };
            }
        }
        Env {
            scope: Scope::root(),
            this: self.script.clone(),
            class: self.script_class.clone(),
            closure: None,
            is_static: false,
        }
    }

    /// Writes text to the script's standard output.
    pub fn print(&self, text: &str) {
        let mut out = self.out.lock();
        let _ = out.write_all(text.as_bytes());
    }

    /// Flushes standard output.
    pub fn flush(&self) {
        let _ = self.out.lock().flush();
    }

    /// Fails with StackOverflowError when the stack is nearly used up.
    pub fn check_stack(&self) -> Result<(), Signal<'a>> {
        self.check_interrupt()?;
        match stacker::remaining_stack() {
            Some(left) if left < STACK_RESERVE => Err(Signal::Throw(
                super::error::exception("java.lang.StackOverflowError", None),
                None,
            )),
            _ => Ok(()),
        }
    }

    /// Fails with the host's interruption when the running code has been told to stop (a
    /// `timeout` expired, Ctrl-C); called on every call and loop iteration.
    pub fn check_interrupt(&self) -> Result<(), Signal<'a>> {
        match &self.host {
            Some(h) => match h.interrupted() {
                Some(exc) => Err(Signal::Throw(exc, None)),
                None => Ok(()),
            },
            None => Ok(()),
        }
    }

    /// The class written in a type reference, if it names one.
    #[must_use]
    pub fn resolve_type(&self, t: &ast::TypeRef) -> Option<Type<'a>> {
        if t.dims > 0 {
            return Some(Type::Array(super::object::static_name(&t.name)));
        }
        let name = t.name.as_str();
        if let Some((_, b)) = super::types::PRIMITIVES.iter().find(|(p, _)| *p == name) {
            let _ = b;
            return Some(Type::Primitive(
                super::types::PRIMITIVES
                    .iter()
                    .find(|(p, _)| *p == name)
                    .map_or("int", |(p, _)| p),
            ));
        }
        self.class_by_name(name)
    }

    /// A class by the name a script writes.
    #[must_use]
    pub fn class_by_name(&self, name: &str) -> Option<Type<'a>> {
        if let Some(c) = self.classes.get(name) {
            return Some(Type::User(c.clone()));
        }
        if let Some(full) = self.imports.get(name) {
            if let Some(c) = self.classes.get(full) {
                return Some(Type::User(c.clone()));
            }
        }
        if let Some(c) = self
            .classes
            .values()
            .find(|c| super::object::names_class(&c.name, name))
        {
            return Some(Type::User(c.clone()));
        }
        if let Some(full) = self.imports.get(name) {
            return super::types::builtin(full).map(Type::Builtin);
        }
        if !name.contains('.') {
            for package in &self.star_imports {
                if let Some(b) = super::types::builtin(&format!("{package}{name}")) {
                    return Some(Type::Builtin(b));
                }
            }
        }
        super::types::builtin_by_source_name(name).map(Type::Builtin)
    }

    /// Whether `value` is of the type written.
    pub fn value_is_type(&self, value: &Value<'a>, t: &ast::TypeRef) -> bool {
        match self.resolve_type(t) {
            Some(Type::Primitive(p)) => {
                let boxed = super::types::PRIMITIVES
                    .iter()
                    .find(|(n, _)| *n == p)
                    .map_or("", |(_, b)| b);
                super::types::is_instance(value, boxed)
            }
            Some(ty) => {
                let name = ty.name();
                super::types::is_instance(value, &name)
            }
            None => false,
        }
    }
}
