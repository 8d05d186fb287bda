/*
 * The .nnx language: experiments over neural architectures.
 *
 * A file holds top-level blocks (`experiment NAME { ... }`, `hardware NAME { key = value, ... }`,
 * `search NAME { ... }`, `codesign NAME { key = value, ... }`, and the networks users write:
 * `network NAME(params) { ... }` families and `block NAME(params) { ... }` parts of them). Inside a block, entries are separated by newlines or commas; inside
 * parentheses and brackets newlines are ignored. Values are numbers (optionally with a unit),
 * strings, bare words, lists `[a, b]`, calls `f(x = 1, y)`, and sweeps: sets `{a, b}` and inclusive
 * integer ranges `lo..hi` / `lo..hi step s`. Search blocks hold arithmetic expressions over their
 * variables (+ - * / ^, unary minus, parentheses, function calls).
 *
 * Parser rules first, lexer rules at the bottom.
 */
grammar Nnx;

@lexer::members {
  /** Depth of open parentheses and brackets: newlines inside them are not separators. */
  private int nesting = 0;
}

// ---------------------------------------------------------------------------------------------
// Parser rules

file
    : sep? (block sep?)* EOF
    ;

/** A value on its own, as in the command line's --set NAME=VALUE. */
standaloneValue
    : value EOF
    ;

block
    : EXPERIMENT name=ident '{' sep? (experimentEntry (sep experimentEntry)* sep?)? '}'   # experimentBlock
    | HARDWARE name=ident '{' sep? (setting (sep setting)* sep?)? '}'                     # hardwareBlock
    | SEARCH name=ident '{' sep? (searchEntry (sep searchEntry)* sep?)? '}'               # searchBlock
    | CODESIGN name=ident '{' sep? (setting (sep setting)* sep?)? '}'                     # codesignBlock
    | kind=(NETWORK | BLOCK) name=ident netParams? netBody                               # networkBlock
    ;

experimentEntry
    : TITLE STRING                                               # titleEntry
    | SEED signedInt                                             # seedEntry
    | REPEATS signedInt                                          # repeatsEntry
    | DATA value                                                 # dataEntry
    | ARCHITECTURES '{' sep? (architecture (sep architecture)* sep?)? '}'  # architecturesEntry
    | TRAIN '{' sep? (setting (sep setting)* sep?)? '}'          # trainEntry
    | MEASURE metric (',' NL* metric)*                           # measureEntry
    | REPORT (reportItem | '{' sep? (reportItem (sep? reportItem)* sep?)? '}')  # reportEntry
    ;

/**
 * An architecture declaration; with {@code sample N}, N configurations drawn from its sweeps; with
 * {@code weights W} its weights are loaded (and not trained), with {@code init W} training starts
 * from them.
 */
architecture
    : label=ident ':' call (SAMPLE count=INT)? (load=(WEIGHTS | INIT) weights=value)?
    ;

searchEntry
    : TITLE STRING                                                      # searchTitleEntry
    | VARIABLES '{' sep? (variable (sep variable)* sep?)? '}'           # variablesEntry
    | MINIMIZE expr                                                     # minimizeEntry
    | MAXIMIZE expr                                                     # maximizeEntry
    | SUBJECT TO '{' sep? (constraint (sep constraint)* sep?)? '}'      # constraintsEntry
    | OPTIMIZER '=' (call | ident)                                      # optimizerEntry
    ;

variable
    : name=ident IN '[' lower=expr ',' upper=expr ']'
    ;

/** A constraint; strict relations parse so that they can be reported as such. */
constraint
    : left=expr relation=(GE | LE | EQEQ | GT | LT) right=expr
    ;

/** Arithmetic: earlier alternatives bind tighter; ^ is right-associative and binds tighter than unary minus. */
expr
    : <assoc=right> expr '^' expr                   # powerExpr
    | '-' expr                                      # negateExpr
    | expr op=('*' | '/') expr                      # productExpr
    | expr op=('+' | '-') expr                      # sumExpr
    | name=ident '(' (expr (',' expr)*)? ')'        # callExpr
    | '(' expr ')'                                  # parenExpr
    | (INT | FLOAT)                                 # numberExpr
    | (TRUE | FALSE)                                # boolExpr
    | ident                                         # variableExpr
    ;

/** The parameters of a network or block, each with an optional default. */
netParams
    : '(' (netParam (',' netParam)*)? ')'
    ;

netParam
    : name=ident ('=' expr)?
    ;

netBody
    : '{' sep? (netStatement (sep netStatement)* sep?)? '}'
    ;

/** One statement of a network: its input shape, or a step whose result may be named. */
netStatement
    : INPUT '[' expr (',' expr)* ']'                # shapeInput
    | INPUT expr                                    # vectorInput
    | (name=ident '=')? netStep                     # stepStatement
    ;

netStep
    : REPEAT count=expr netBody                                     # repeatStep
    | RESIDUAL netArgs? netBody                                     # residualStep
    | DENSE_CELL netArgs '{' sep? (cellLayer (sep cellLayer)* sep?)? '}'   # denseCellStep
    | name=ident netArgs? (AS label=ident)?                         # layerStep
    ;

netArgs
    : '(' (netArg (',' netArg)*)? ')'
    ;

netArg
    : (key=ident '=')? expr
    ;

/** A dense cell's layer: {@code layer N { ... }} for layer N, {@code layer { ... }} for the others, {@code last { ... }} for the last. */
cellLayer
    : LAYER (index=INT)? netBody                    # layerClause
    | LAST netBody                                  # lastClause
    ;

setting
    : key=ident '=' value
    ;

/** A metric to measure; {@code as NAME} names the measurement (its columns become {@code NAME.COLUMN}). */
metric
    : (call | name=ident) (AS label=ident)?
    ;

reportItem
    : call
    ;

call
    : name=ident '(' (argument (',' argument)*)? ')'
    ;

/** A named argument's key may be dotted, e.g. {@code conv1.weight = "w.npy"} in a weights mapping. */
argument
    : key=dottedName '=' value     # namedArgument
    | value                   # positionalArgument
    ;

value
    : '{' NL* value (NL* ',' NL* value)* NL* '}'                 # setValue
    | from=signedInt '..' to=signedInt (STEP step=signedInt)?   # rangeValue
    | '[' (value (',' value)*)? ']'                              # listValue
    | valueTerm ('+' valueTerm)+                                 # sumValue
    | call                                                       # callValue
    | number unit?                                               # numberValue
    | STRING                                                     # stringValue
    | (TRUE | FALSE)                                             # boolValue
    | ident ('.' ident)*                                         # wordValue
    ;

/** A part of a combination such as {@code sign + adaptive + repeat(2)}: a call or a name. */
valueTerm
    : call
    | ident
    ;

number
    : '-'? (INT | FLOAT)
    ;

signedInt
    : '-'? INT
    ;

unit
    : ident ('/' ident)?
    ;

dottedName
    : ident ('.' ident)*
    ;

sep
    : (NL | ',')+
    ;

/** Keywords are reserved only where they start an entry; elsewhere they are ordinary words. */
ident
    : ID
    | EXPERIMENT | TITLE | SEED | REPEATS | DATA | ARCHITECTURES | TRAIN | MEASURE | REPORT | STEP
    | HARDWARE | SEARCH | VARIABLES | MINIMIZE | MAXIMIZE | SUBJECT | TO | OPTIMIZER | IN | CODESIGN | SAMPLE
    | NETWORK | BLOCK | INPUT | REPEAT | RESIDUAL | DENSE_CELL | LAYER | LAST | AS | WEIGHTS | INIT
    ;

// ---------------------------------------------------------------------------------------------
// Lexer rules

EXPERIMENT    : 'experiment' ;
TITLE         : 'title' ;
SEED          : 'seed' ;
REPEATS       : 'repeats' ;
DATA          : 'data' ;
ARCHITECTURES : 'architectures' ;
TRAIN         : 'train' ;
MEASURE       : 'measure' ;
REPORT        : 'report' ;
STEP          : 'step' ;
HARDWARE      : 'hardware' ;
SEARCH        : 'search' ;
VARIABLES     : 'variables' ;
MINIMIZE      : 'minimize' ;
MAXIMIZE      : 'maximize' ;
SUBJECT       : 'subject' ;
TO            : 'to' ;
OPTIMIZER     : 'optimizer' ;
IN            : 'in' ;
CODESIGN      : 'codesign' ;
SAMPLE        : 'sample' ;
NETWORK       : 'network' ;
BLOCK         : 'block' ;
INPUT         : 'input' ;
REPEAT        : 'repeat' ;
RESIDUAL      : 'residual' ;
DENSE_CELL    : 'dense_cell' ;
LAYER         : 'layer' ;
LAST          : 'last' ;
AS            : 'as' ;
WEIGHTS       : 'weights' ;
INIT          : 'init' ;
TRUE          : 'true' ;
FALSE         : 'false' ;

LBRACE   : '{' ;
RBRACE   : '}' ;
LPAREN   : '(' { nesting++; } ;
RPAREN   : ')' { if (nesting > 0) nesting--; } ;
LBRACKET : '[' { nesting++; } ;
RBRACKET : ']' { if (nesting > 0) nesting--; } ;
COMMA    : ',' ;
COLON    : ':' ;
EQUALS   : '=' ;
DOTDOT   : '..' ;
DOT      : '.' ;
MINUS    : '-' ;
SLASH    : '/' ;
PLUS     : '+' ;
STAR     : '*' ;
CARET    : '^' ;
GE       : '>=' ;
LE       : '<=' ;
EQEQ     : '==' ;
GT       : '>' ;
LT       : '<' ;

FLOAT
    : DIGIT+ '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;

INT
    : DIGIT+
    ;

STRING
    : '"' (~["\\\r\n] | '\\' ["\\nt])* '"'
    ;

/** A closed string with an escape other than \\, \", \n, \t: reported by the parser. */
BAD_ESCAPE_STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
    ;

/** A string without its closing quote on the same line: reported by the parser. */
UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])*
    ;

ID
    : [a-zA-Z_] [a-zA-Z_0-9]*
    ;

NL
    : ('\r'? '\n' | '\r') { if (nesting > 0) skip(); }
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> skip
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> skip
    ;

/** A comment that is never closed (its text never contains the closing mark): reported by the parser. */
UNTERMINATED_COMMENT
    : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF
    ;

WS
    : [ \t\f]+ -> skip
    ;

/** Anything else is reported as an unexpected character by the parser. */
ERROR_CHAR
    : .
    ;

fragment DIGIT    : [0-9] ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;
