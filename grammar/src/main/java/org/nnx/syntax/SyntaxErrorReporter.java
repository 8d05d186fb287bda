package org.nnx.syntax;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.nnx.grammar.NnxLexer;
import org.nnx.grammar.NnxParser;

/**
 * ANTLR's default recovery, with messages written for people: what was found, and what could
 * stand there instead.
 */
final class SyntaxErrorReporter extends DefaultErrorStrategy {

  private static final int MAX_LISTED = 6;

  private final String path;
  private final List<Diagnostic> errors;
  /** Whether the error being reported is inside a search block (whose entries differ). */
  private boolean inSearch;

  SyntaxErrorReporter(String path, List<Diagnostic> errors) {
    this.path = path;
    this.errors = errors;
  }

  @Override
  public void reportError(Parser recognizer, RecognitionException e) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    inSearch = insideSearch(recognizer);
    Token found = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
    if (e instanceof NoViableAltException || e instanceof InputMismatchException) {
      unexpected(found, e.getExpectedTokens());
    } else if (e instanceof FailedPredicateException) {
      add(found, "unexpected " + describe(found), null);
    } else {
      unexpected(found, recognizer.getExpectedTokens());
    }
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    inSearch = insideSearch(recognizer);
    unexpected(recognizer.getCurrentToken(), getExpectedTokens(recognizer));
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    Token found = recognizer.getCurrentToken();
    IntervalSet expected = getExpectedTokens(recognizer);
    add(found, "missing " + list(expected) + " before " + describe(found), null);
  }

  private void unexpected(Token found, IntervalSet expected) {
    switch (found.getType()) {
      case NnxLexer.UNTERMINATED_STRING -> add(found, "unterminated string", "close it with \" on the same line");
      case NnxLexer.BAD_ESCAPE_STRING -> add(found, "invalid escape " + badEscape(found.getText()) + " in a string",
          "a string may escape \\\\, \\\", \\n and \\t; write \\\\ for a backslash");
      case NnxLexer.UNTERMINATED_COMMENT -> add(found, "unterminated comment", "close it with */");
      case NnxLexer.ERROR_CHAR -> add(found, "unexpected character " + quote(found.getText()), hint(expected));
      case Token.EOF -> add(found, "unexpected end of file",
          expected != null && expected.contains(NnxLexer.RBRACE) ? "a '}' is missing" : hint(expected));
      default -> {
        if (!misspeltKeyword(found, expected)) {
          add(found, "unexpected " + describe(found), hint(expected));
        }
      }
    }
  }

  /**
   * Reports a word where a block or an entry must start that is close to a keyword, e.g. {@code
   * mesure} or {@code experimnt}.
   */
  private boolean misspeltKeyword(Token found, IntervalSet expected) {
    if (found.getType() != NnxLexer.ID || expected == null) {
      return false;
    }
    boolean blockStart = expected.contains(NnxLexer.EXPERIMENT);
    boolean entryStart = expected.contains(NnxLexer.RBRACE) && found.getCharPositionInLine() >= 0
        && startsLine(found);
    if (!blockStart && !entryStart) {
      return false;
    }
    List<String> keywords = blockStart ? BLOCKS : inSearch ? SEARCH_ENTRIES : ENTRIES;
    String suggestion = Suggestions.didYouMean(found.getText(), keywords);
    if (suggestion == null) {
      return false;
    }
    add(found, "unknown " + (blockStart ? "block" : "entry") + " " + quote(found.getText()), suggestion);
    return true;
  }

  private static boolean insideSearch(Parser recognizer) {
    for (org.antlr.v4.runtime.RuleContext c = recognizer.getContext(); c != null; c = c.parent) {
      if (c instanceof NnxParser.SearchBlockContext) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsLine(Token token) {
    String line = token.getInputStream().toString().split("\\R", -1)[token.getLine() - 1];
    return line.substring(0, token.getCharPositionInLine()).isBlank();
  }

  /** The keywords, which are also names where no entry starts ({@code ident} in the grammar). */
  private static final List<Integer> KEYWORDS = List.of(NnxLexer.EXPERIMENT, NnxLexer.TITLE, NnxLexer.SEED,
      NnxLexer.REPEATS, NnxLexer.DATA, NnxLexer.ARCHITECTURES, NnxLexer.TRAIN, NnxLexer.MEASURE, NnxLexer.REPORT,
      NnxLexer.STEP, NnxLexer.HARDWARE, NnxLexer.SEARCH, NnxLexer.VARIABLES, NnxLexer.MINIMIZE, NnxLexer.MAXIMIZE,
      NnxLexer.SUBJECT, NnxLexer.TO, NnxLexer.OPTIMIZER, NnxLexer.IN, NnxLexer.CODESIGN, NnxLexer.SAMPLE,
      NnxLexer.NETWORK, NnxLexer.BLOCK, NnxLexer.INPUT, NnxLexer.REPEAT, NnxLexer.RESIDUAL, NnxLexer.DENSE_CELL,
      NnxLexer.LAYER, NnxLexer.LAST, NnxLexer.AS, NnxLexer.WEIGHTS, NnxLexer.INIT);

  private static final List<String> BLOCKS = List.of("experiment", "hardware", "search", "codesign", "network", "block");
  private static final List<String> SEARCH_ENTRIES =
      List.of("title", "variables", "minimize", "maximize", "subject", "optimizer");
  private static final List<String> ENTRIES =
      List.of("title", "seed", "repeats", "data", "architectures", "train", "measure", "report");

  private String hint(IntervalSet expected) {
    if (expected == null || expected.isNil()) {
      return null;
    }
    List<Integer> types = expected.toList();
    if (types.contains(NnxLexer.ID) && types.stream().allMatch(t -> t == NnxLexer.ID || KEYWORDS.contains(t))) {
      return "expected a name";
    }
    if (types.size() > MAX_LISTED) {
      if (types.contains(NnxLexer.INT) && types.contains(NnxLexer.LPAREN) && !types.contains(NnxLexer.STRING)) {
        return "expected an expression: a number, a variable, f(..), -x or (..)";
      }
      if (inSearch && types.contains(NnxLexer.TITLE) && types.contains(NnxLexer.MINIMIZE)) {
        return "expected a search entry: title, variables, minimize, maximize, subject to or optimizer";
      }
      if (types.contains(NnxLexer.TITLE) && types.contains(NnxLexer.MEASURE)) {
        return "expected an experiment entry: title, seed, repeats, data, architectures, train, measure or report";
      }
      if (types.contains(NnxLexer.PLUS) && types.contains(NnxLexer.CARET)) {
        return "expected an operator (+ - * / ^)" + (types.contains(NnxLexer.GE) ? " or a relation (>=, <=, ==)" : "")
            + (types.contains(NnxLexer.RBRACE) ? ", or the end of the entry" : "");
      }
      if (types.contains(NnxLexer.INT) && types.contains(NnxLexer.STRING)) {
        return "expected a value: a number, string, name, list [..], set {..}, range a..b or call f(..)";
      }
      return null;
    }
    return "expected " + list(expected);
  }

  private String list(IntervalSet expected) {
    List<String> names = new ArrayList<>();
    for (int type : expected.toList()) {
      String name = tokenName(type);
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }

  private static String tokenName(int type) {
    return switch (type) {
      case Token.EOF -> "end of file";
      case NnxLexer.ID -> "a name";
      case NnxLexer.INT -> "an integer";
      case NnxLexer.FLOAT -> "a number";
      case NnxLexer.STRING -> "a string";
      case NnxLexer.NL -> "a new line";
      default -> {
        String literal = NnxParser.VOCABULARY.getLiteralName(type);
        yield literal != null ? literal : NnxParser.VOCABULARY.getDisplayName(type);
      }
    };
  }

  private static String describe(Token token) {
    return switch (token.getType()) {
      case Token.EOF -> "end of file";
      case NnxLexer.NL -> "end of line";
      case NnxLexer.STRING -> "string " + token.getText();
      case NnxLexer.INT, NnxLexer.FLOAT -> "number " + token.getText();
      default -> quote(token.getText());
    };
  }

  private static String quote(String text) {
    return "'" + text + "'";
  }

  private void add(Token at, String message, String hint) {
    errors.add(new Diagnostic(SourceParser.locate(path, at), message, hint));
  }

  /** The first escape of a string token other than the four a string may use (backslash, quote, n, t). */
  private static String badEscape(String text) {
    for (int i = 1; i + 1 < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        char next = text.charAt(i + 1);
        if ("\\\"nt".indexOf(next) < 0) {
          return "'\\" + next + "'";
        }
        i++;
      }
    }
    return "";
  }
}
