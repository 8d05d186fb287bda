package org.nnx.syntax;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.nnx.grammar.NnxLexer;
import org.nnx.grammar.NnxParser;

/** Parses {@code .nnx} source text into a {@link SourceFile}, collecting every syntax error. */
public final class SourceParser {

  private SourceParser() {}

  /**
   * Parses a file's text.
   *
   * @param path the path as the user named it; used in locations
   * @param text the file's contents
   * @return the syntax tree and all syntax errors (ANTLR's recovery continues after each error);
   *     the tree is only complete when there are no errors
   */
  public static ParseResult parse(String path, String written) {
    // a UTF-8 byte-order mark, as Windows editors write it, is not part of the text
    String text = written.startsWith("\uFEFF") ? written.substring(1) : written;
    List<Diagnostic> errors = new ArrayList<>();
    if (text.length() > MAX_CHARS) {
      // refused before the lexer: its tokens and the parse tree take tens of bytes per character
      errors.add(new Diagnostic(new Location(path, 1, 1), String.format(java.util.Locale.ROOT,
          "the file has %.1f million characters, more than nnx reads (%d million)", text.length() / 1e6,
          MAX_CHARS / 1_000_000), "split it into several files, or write one experiment with sweeps (tc = 0..99)"
              + " instead of one experiment per value"));
      return new ParseResult(new SourceFile(path, "", List.of()), List.copyOf(errors));
    }
    NnxLexer lexer = new NnxLexer(CharStreams.fromString(text, path));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    Token tooDeep = tooDeep(tokens.getTokens());
    if (tooDeep != null) {
      errors.add(new Diagnostic(new Location(path, tooDeep.getLine(), tooDeep.getCharPositionInLine() + 1),
          "nested more than " + MAX_NESTING + " levels deep",
          "write the value with less nesting (a flat list, or a network block for deep structures)"));
      return new ParseResult(new SourceFile(path, text, List.of()), List.copyOf(errors));
    }
    NnxParser parser = new NnxParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new SyntaxErrorReporter(path, errors));
    SourceFile file;
    try {
      NnxParser.FileContext tree = parser.file();
      if (errors.isEmpty()) {
        SyntaxTreeBuilder builder = new SyntaxTreeBuilder(path, text, errors);
        file = builder.file(tree);
      } else {
        file = new SourceFile(path, text, List.of());
      }
    } catch (StackOverflowError e) {
      // e.g. a long chain of unary minus signs: no bracket to count, but too deep to parse recursively
      errors.add(new Diagnostic(new Location(path, 1, 1), "the file nests expressions too deeply to parse",
          "write its expressions with less nesting"));
      file = new SourceFile(path, text, List.of());
    }
    errors.sort(Comparator.comparingInt((Diagnostic d) -> d.location().line())
        .thenComparingInt(d -> d.location().column()));
    return new ParseResult(file, List.copyOf(dedupe(errors)));
  }

  /**
   * How deeply brackets ({@code ( [ \{}) may nest: far more than any file a person writes, and
   * little enough for the recursive parser and every later recursive pass over the tree.
   */
  public static final int MAX_NESTING = 100;

  /**
   * The longest file nnx reads, in characters: 4 million, some 40,000 small experiments, which
   * parse and check within the default heap of a small machine; a longer file (a generated one)
   * is refused at once rather than running out of memory.
   */
  public static final int MAX_CHARS = 4_000_000;

  /** The first bracket that opens more than {@link #MAX_NESTING} levels, or null. */
  private static Token tooDeep(List<Token> tokens) {
    int depth = 0;
    for (Token t : tokens) {
      String s = t.getText();
      if (s.equals("(") || s.equals("[") || s.equals("{")) {
        if (++depth > MAX_NESTING) {
          return t;
        }
      } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
        depth = Math.max(0, depth - 1);
      }
    }
    return null;
  }

  /**
   * Parses a single value, e.g. from the command line's {@code --set NAME=VALUE}.
   *
   * @param origin how the value's source is named in locations, e.g. {@code --set depth}
   * @return the value, or the syntax errors
   */
  public static ValueResult parseValue(String origin, String text) {
    List<Diagnostic> errors = new ArrayList<>();
    NnxLexer lexer = new NnxLexer(CharStreams.fromString(text, origin));
    lexer.removeErrorListeners();
    NnxParser parser = new NnxParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.setErrorHandler(new SyntaxErrorReporter(origin, errors));
    NnxParser.StandaloneValueContext tree = parser.standaloneValue();
    if (!errors.isEmpty()) {
      return new ValueResult(null, List.copyOf(errors));
    }
    ValueNode value = new SyntaxTreeBuilder(origin, text, errors).standalone(tree);
    return new ValueResult(value, List.copyOf(errors));
  }

  /** A parsed value, or the errors that prevented it. */
  public record ValueResult(ValueNode value, List<Diagnostic> errors) {}

  /**
   * Keeps the first syntax error of each line: after one mistake, recovery often trips again on the
   * rest of the same line, and those follow-on messages only confuse.
   */
  private static List<Diagnostic> dedupe(List<Diagnostic> errors) {
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : errors) {
      if (out.isEmpty() || out.get(out.size() - 1).location().line() != d.location().line()) {
        out.add(d);
      }
    }
    return out;
  }

  static Location locate(String path, Token token) {
    return new Location(path, token.getLine(), token.getCharPositionInLine() + 1);
  }
}
