//! The Groovy AST: what a Jenkinsfile says, with a span on every node and no parser types.

use crate::source::Span;

/// A name as written, with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// A whole file: the package line, then statements (imports, classes and methods included, in
/// source order).
#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    /// `package a.b.c`, if any.
    pub package: Option<QualifiedName>,
    /// The statements of the script body.
    pub statements: Vec<Stmt>,
    /// The whole file.
    pub span: Span,
}

/// A dotted name such as `com.acme.Build`.
#[derive(Clone, Debug, PartialEq)]
pub struct QualifiedName {
    /// The dotted text.
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What kind of statement.
    pub kind: StmtKind,
    /// Where it stands.
    pub span: Span,
}

/// The kinds of statement.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `import a.B`, `import static a.B.c`, `import a.*`, `import a.B as C`.
    Import(Import),
    /// An expression used as a statement (calls, assignments, commands).
    Expr(Expr),
    /// `def x = 1, y`, `String s`, `@Field final int N = 3`, `@Library('lib') _`.
    VarDecl(VarDecl),
    /// `def (a, b) = [1, 2]`.
    MultiDecl(MultiDecl),
    /// A method defined in the script or a class.
    Method(MethodDecl),
    /// A class, interface, enum or trait.
    Class(ClassDecl),
    /// `if (c) a else b`.
    If {
        /// Condition.
        cond: Expr,
        /// Then branch.
        then: Box<Stmt>,
        /// Else branch.
        otherwise: Option<Box<Stmt>>,
    },
    /// `for (x in xs)` / `for (String x : xs)`.
    ForIn {
        /// Declared type of the variable, if written.
        ty: Option<TypeRef>,
        /// Loop variable.
        var: Ident,
        /// What is iterated.
        iterable: Expr,
        /// Body.
        body: Box<Stmt>,
    },
    /// `for (init; cond; update)`.
    For {
        /// Initialiser: a declaration or expressions.
        init: Vec<Stmt>,
        /// Condition; none means forever.
        cond: Option<Expr>,
        /// Update expressions.
        update: Vec<Expr>,
        /// Body.
        body: Box<Stmt>,
    },
    /// `while (c) body`.
    While {
        /// Condition.
        cond: Expr,
        /// Body.
        body: Box<Stmt>,
    },
    /// `switch (x) { case ...: ... default: ... }`.
    Switch {
        /// The value switched on.
        subject: Expr,
        /// Case groups in order.
        cases: Vec<SwitchCase>,
    },
    /// `try { } catch (E e) { } finally { }`.
    Try {
        /// The guarded block.
        body: Block,
        /// Catch clauses in order.
        catches: Vec<Catch>,
        /// `finally` block.
        finally: Option<Block>,
    },
    /// `throw e`.
    Throw(Expr),
    /// `return` / `return x`.
    Return(Option<Expr>),
    /// `break` / `break label`.
    Break(Option<Ident>),
    /// `continue` / `continue label`.
    Continue(Option<Ident>),
    /// `assert cond : message`.
    Assert {
        /// Asserted condition.
        cond: Expr,
        /// Message shown when it fails.
        message: Option<Expr>,
    },
    /// `{ ... }` where a statement stands (a labelled block, a branch of `if`).
    Block(Block),
    /// `label: statement`.
    Labelled {
        /// The label.
        label: Ident,
        /// The statement labelled.
        body: Box<Stmt>,
    },
    /// A lone `;` (as the body of a loop).
    Empty,
}

/// A braced block of statements.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Statements in order.
    pub statements: Vec<Stmt>,
    /// From `{` to `}`.
    pub span: Span,
}

/// An import.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// Annotations written before it (`@Library('x') import ...`).
    pub annotations: Vec<Annotation>,
    /// `import static`.
    pub is_static: bool,
    /// The imported name.
    pub name: QualifiedName,
    /// `.*`
    pub star: bool,
    /// `as Alias`.
    pub alias: Option<Ident>,
}

/// `@Name` or `@Name(args)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// The annotation's name.
    pub name: QualifiedName,
    /// `(value)` or `(a = 1, b = 2)`.
    pub args: Vec<AnnotationArg>,
    /// Where it stands.
    pub span: Span,
}

/// One annotation argument: `value` alone, or `name = value`.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationArg {
    /// `None` for the single unnamed value.
    pub name: Option<Ident>,
    /// The value.
    pub value: Expr,
}

/// Modifiers, annotations and `def` written before a declaration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Modifiers {
    /// Annotations in order.
    pub annotations: Vec<Annotation>,
    /// Keywords such as `private`, `static`, `final`, in order.
    pub keywords: Vec<Ident>,
    /// Whether `def` was written.
    pub def: bool,
}

/// A local variable or field declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct VarDecl {
    /// Modifiers and annotations.
    pub modifiers: Modifiers,
    /// The declared type (`None` for `def`).
    pub ty: Option<TypeRef>,
    /// Each variable with its initial value.
    pub declarators: Vec<Declarator>,
}

/// One variable in a declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct Declarator {
    /// The variable.
    pub name: Ident,
    /// `= value`.
    pub init: Option<Expr>,
}

/// `def (a, String b) = value`.
#[derive(Clone, Debug, PartialEq)]
pub struct MultiDecl {
    /// Modifiers.
    pub modifiers: Modifiers,
    /// The variables with their optional types.
    pub vars: Vec<(Option<TypeRef>, Ident)>,
    /// The value that is spread over them.
    pub init: Expr,
}

/// A method (or constructor) definition.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodDecl {
    /// Modifiers and annotations (`@NonCPS`, `private`, `static` ...).
    pub modifiers: Modifiers,
    /// Generic type parameters.
    pub type_params: Vec<TypeParam>,
    /// Return type (`None` for `def` or a constructor).
    pub return_type: Option<TypeRef>,
    /// The name.
    pub name: Ident,
    /// Parameters.
    pub params: Vec<Param>,
    /// `throws` list.
    pub throws: Vec<TypeRef>,
    /// Body; `None` for abstract and interface methods.
    pub body: Option<Block>,
    /// Whether this is a constructor.
    pub constructor: bool,
}

/// A parameter of a method or closure.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Modifiers and annotations.
    pub modifiers: Modifiers,
    /// Declared type.
    pub ty: Option<TypeRef>,
    /// `String... args`.
    pub varargs: bool,
    /// Name.
    pub name: Ident,
    /// Default value.
    pub default: Option<Expr>,
    /// Where it stands.
    pub span: Span,
}

/// A type parameter `<T extends Foo>`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeParam {
    /// The name.
    pub name: Ident,
    /// Upper bounds.
    pub bounds: Vec<TypeRef>,
}

/// The kind of a type definition.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ClassKind {
    /// `class`
    Class,
    /// `interface`
    Interface,
    /// `@interface`
    Annotation,
    /// `enum`
    Enum,
    /// `trait`
    Trait,
}

/// A class, interface, enum or trait definition.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDecl {
    /// Modifiers and annotations.
    pub modifiers: Modifiers,
    /// Which kind of type.
    pub kind: ClassKind,
    /// The name.
    pub name: Ident,
    /// Type parameters.
    pub type_params: Vec<TypeParam>,
    /// `extends` list.
    pub extends: Vec<TypeRef>,
    /// `implements` list.
    pub implements: Vec<TypeRef>,
    /// Enum constants (enums only).
    pub enum_constants: Vec<EnumConstant>,
    /// Fields, methods, constructors, initialisers and nested types in order.
    pub members: Vec<Stmt>,
}

/// An enum constant, `RED` or `RED(1) { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumConstant {
    /// Annotations.
    pub annotations: Vec<Annotation>,
    /// Name.
    pub name: Ident,
    /// Constructor arguments.
    pub args: Option<Args>,
    /// A class body of its own.
    pub body: Option<Vec<Stmt>>,
}

/// A reference to a type, as written.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRef {
    /// The (possibly dotted) name, e.g. `int`, `String`, `java.util.Map`.
    pub name: String,
    /// Generic arguments.
    pub args: Vec<TypeArg>,
    /// Number of `[]`.
    pub dims: u32,
    /// Where it stands.
    pub span: Span,
}

/// A generic argument.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeArg {
    /// A plain type.
    Type(TypeRef),
    /// `?`, `? extends T`, `? super T`.
    Wildcard {
        /// `extends` (true) or `super` (false) with its bound.
        bound: Option<(bool, TypeRef)>,
    },
}

/// One `case`/`default` group of a switch.
#[derive(Clone, Debug, PartialEq)]
pub struct SwitchCase {
    /// The labels; `None` is `default`.
    pub labels: Vec<Option<Expr>>,
    /// Statements run (falling through to the next group unless they break).
    pub body: Vec<Stmt>,
    /// Where the group stands.
    pub span: Span,
}

/// `catch (A | B e) { }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Catch {
    /// Caught types; empty means any exception.
    pub types: Vec<TypeRef>,
    /// The variable.
    pub var: Ident,
    /// The handler.
    pub body: Block,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Where it stands.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number literal.
    Number(Number),
    /// A string without interpolation (any quoting).
    Str(String),
    /// A string with `$x` or `${...}` parts.
    GString(Vec<GStringPart>),
    /// A name: a variable, property of the script, or a class name.
    Ident(String),
    /// `this`
    This,
    /// `super`
    Super,
    /// A primitive type used as a value (`int.class`, `String[]`).
    TypeLiteral(TypeRef),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `[k: v, *:m]`
    Map(Vec<MapEntry>),
    /// `op operand`.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `operand++` / `operand--`.
    Postfix {
        /// `true` for `++`.
        increment: bool,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `lhs op rhs`.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
    /// `target op= value` (also plain `=`).
    Assign {
        /// `None` for `=`, otherwise the compound operator (`+=` is `Some(Add)`).
        op: Option<BinaryOp>,
        /// What is assigned.
        target: Box<Expr>,
        /// The value.
        value: Box<Expr>,
    },
    /// `(a, b) = value`.
    MultiAssign {
        /// Targets.
        targets: Vec<Ident>,
        /// The value.
        value: Box<Expr>,
    },
    /// `cond ? a : b`.
    Ternary {
        /// Condition.
        cond: Box<Expr>,
        /// When true.
        then: Box<Expr>,
        /// When false.
        otherwise: Box<Expr>,
    },
    /// `a ?: b`.
    Elvis {
        /// The value tried first.
        value: Box<Expr>,
        /// The fallback.
        fallback: Box<Expr>,
    },
    /// `(Type) x`.
    Cast {
        /// The type.
        ty: TypeRef,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `x as Type`.
    As {
        /// The operand.
        operand: Box<Expr>,
        /// The type.
        ty: TypeRef,
    },
    /// `x instanceof Type`.
    InstanceOf {
        /// The operand.
        operand: Box<Expr>,
        /// The type.
        ty: TypeRef,
    },
    /// `object.name`, `object?.name`, `object*.name`, `object.@name`.
    Property {
        /// The receiver.
        object: Box<Expr>,
        /// The property name.
        name: Member,
        /// How it is accessed.
        access: Access,
    },
    /// `object.&name`.
    MethodPointer {
        /// The receiver.
        object: Box<Expr>,
        /// The method name.
        name: Member,
    },
    /// `object[index]`.
    Index {
        /// The indexed value.
        object: Box<Expr>,
        /// The index; several for `a[1, 2]`, a map for `a[k: v]`.
        index: Vec<Arg>,
    },
    /// A call: `name(args)`, `obj.name(args)`, `expr(args)`, with trailing closures, or a
    /// paren-less command (`sh 'ls'`).
    Call(Call),
    /// `{ params -> body }`.
    Closure(Closure),
    /// `new Type(args)`, optionally with an anonymous class body.
    New {
        /// The instantiated type.
        ty: TypeRef,
        /// Constructor arguments.
        args: Args,
        /// Anonymous inner class members.
        body: Option<Vec<Stmt>>,
    },
    /// `new Type[n][m]` / `new Type[n][]`.
    NewArray {
        /// Element type with the extra `[]` counted in `dims`.
        ty: TypeRef,
        /// Sizes given.
        sizes: Vec<Expr>,
    },
    /// `*list` in a list or argument list.
    Spread(Box<Expr>),
    /// A parenthesised expression; kept so that printers and lints see the parentheses.
    Paren(Box<Expr>),
}

/// A number literal, kept as written with its Groovy type decided.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// The literal as written (underscores included).
    pub text: String,
    /// The Groovy type the literal has.
    pub kind: NumberKind,
}

/// The Groovy type of a number literal.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum NumberKind {
    /// `Integer` (or the smallest of Integer/Long/BigInteger that holds it when unsuffixed).
    Integer,
    /// `Long` (`L` suffix).
    Long,
    /// `BigInteger` (`G` suffix on an integer).
    BigInteger,
    /// `BigDecimal` (a decimal literal without suffix, or `G`).
    BigDecimal,
    /// `Double` (`d` suffix).
    Double,
    /// `Float` (`f` suffix).
    Float,
}

/// A piece of a GString.
#[derive(Clone, Debug, PartialEq)]
pub enum GStringPart {
    /// Literal text, escapes resolved.
    Text(String, Span),
    /// `$name.path` or `${expr}`.
    Expr(Expr),
}

/// A member name after `.`: a plain name, or a string / parenthesised expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Member {
    /// `.name`
    Name(Ident),
    /// `."$dynamic"` or `.(expr)`
    Dynamic(Box<Expr>),
}

/// How a property or method is reached.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Access {
    /// `.`
    Dot,
    /// `?.`
    Safe,
    /// `*.`
    Spread,
    /// `.@`
    Attribute,
}

/// A map literal entry.
#[derive(Clone, Debug, PartialEq)]
pub enum MapEntry {
    /// `key: value`.
    Pair {
        /// The key: a bare name becomes a string key.
        key: MapKey,
        /// The value.
        value: Expr,
    },
    /// `*:other`.
    Spread(Expr),
}

/// A key of a map entry or named argument.
#[derive(Clone, Debug, PartialEq)]
pub enum MapKey {
    /// `name:` (also keywords) — a string key.
    Name(Ident),
    /// `'text':`, `"$x":`, `1:`, `(expr):`.
    Expr(Expr),
}

/// A call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// What is called.
    pub callee: Callee,
    /// Arguments, closures included.
    pub args: Args,
    /// Whether the call was written without parentheses (`sh 'ls'`, `agent any`).
    pub command: bool,
}

/// What a call calls.
#[derive(Clone, Debug, PartialEq)]
pub enum Callee {
    /// `name(...)`: a method of the script, a step, a closure variable.
    Name(Ident),
    /// `object.name(...)` with its access kind.
    Method {
        /// The receiver.
        object: Box<Expr>,
        /// The method name.
        name: Member,
        /// `.`, `?.`, `*.`
        access: Access,
    },
    /// `expr(...)`: calling the value of an expression.
    Expr(Box<Expr>),
}

/// Call arguments as written: positional and named in source order, then trailing closures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Args {
    /// Arguments inside the parentheses (or after a command name).
    pub items: Vec<Arg>,
    /// Closures written after the parentheses: `stage('x') { }`.
    pub closures: Vec<Closure>,
}

/// One argument.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A positional argument (possibly `*spread`).
    Positional(Expr),
    /// `name: value`.
    Named {
        /// The name.
        key: MapKey,
        /// The value.
        value: Expr,
    },
    /// `*:map`.
    SpreadMap(Expr),
}

/// A closure.
#[derive(Clone, Debug, PartialEq)]
pub struct Closure {
    /// Declared parameters; `None` when no `->` was written (an implicit `it`).
    pub params: Option<Vec<Param>>,
    /// The body.
    pub body: Vec<Stmt>,
    /// From `{` to `}`.
    pub span: Span,
}

/// Prefix operators.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
    /// `!x`
    Not,
    /// `~x`
    BitNot,
    /// `++x`
    PreIncrement,
    /// `--x`
    PreDecrement,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum BinaryOp {
    /// `||`
    Or,
    /// `&&`
    And,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `===` (parsed by Groovy 2.4, refused when compiled)
    Identical,
    /// `!==` (parsed by Groovy 2.4, refused when compiled)
    NotIdentical,
    /// `<=>`
    Compare,
    /// `=~`
    RegexFind,
    /// `==~`
    RegexMatch,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `..`
    Range,
    /// `..<`
    RangeExclusive,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `>>>`
    Ushr,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `**`
    Pow,
}

impl BinaryOp {
    /// The operator as written.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Or => "||",
            Self::And => "&&",
            Self::BitOr => "|",
            Self::BitXor => "^",
            Self::BitAnd => "&",
            Self::Eq => "==",
            Self::Ne => "!=",
            Self::Identical => "===",
            Self::NotIdentical => "!==",
            Self::Compare => "<=>",
            Self::RegexFind => "=~",
            Self::RegexMatch => "==~",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::In => "in",
            Self::Range => "..",
            Self::RangeExclusive => "..<",
            Self::Shl => "<<",
            Self::Shr => ">>",
            Self::Ushr => ">>>",
            Self::Add => "+",
            Self::Sub => "-",
            Self::Mul => "*",
            Self::Div => "/",
            Self::Mod => "%",
            Self::Pow => "**",
        }
    }
}

impl UnaryOp {
    /// The operator as written.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Neg => "-",
            Self::Plus => "+",
            Self::Not => "!",
            Self::BitNot => "~",
            Self::PreIncrement => "++",
            Self::PreDecrement => "--",
        }
    }
}

impl Number {
    /// The value of an integer literal (any radix, underscores and suffix removed); `None` for
    /// decimal literals and values beyond `i128`.
    #[must_use]
    pub fn int_value(&self) -> Option<i128> {
        if matches!(
            self.kind,
            NumberKind::BigDecimal | NumberKind::Double | NumberKind::Float
        ) {
            return None;
        }
        let text: String = self.text.chars().filter(|c| *c != '_').collect();
        let lower = text.to_ascii_lowercase();
        let digits = lower.trim_end_matches(['l', 'i', 'g']);
        let (radix, digits) = if let Some(rest) = digits.strip_prefix("0x") {
            (16, rest)
        } else if let Some(rest) = digits.strip_prefix("0b") {
            (2, rest)
        } else if digits.len() > 1 && digits.starts_with('0') {
            (8, &digits[1..])
        } else {
            (10, digits)
        };
        i128::from_str_radix(digits, radix).ok()
    }

    /// The value of a decimal literal (or of any literal, as a float).
    #[must_use]
    pub fn float_value(&self) -> Option<f64> {
        if let Some(i) = self.int_value() {
            #[allow(clippy::cast_precision_loss, reason = "Groovy widens the same way")]
            return Some(i as f64);
        }
        let text: String = self.text.chars().filter(|c| *c != '_').collect();
        text.trim_end_matches(['d', 'D', 'f', 'F', 'g', 'G'])
            .parse()
            .ok()
    }
}
