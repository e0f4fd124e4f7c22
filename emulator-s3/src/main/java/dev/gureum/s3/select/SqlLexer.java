package dev.gureum.s3.select;

import java.util.ArrayList;
import java.util.List;

/** The tokens of an S3 Select expression: identifiers, "quoted" identifiers, 'strings', numbers, symbols. */
final class SqlLexer {

    enum Kind { IDENTIFIER, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL, END }

    record Token(Kind kind, String text, int position) {

        boolean is(String word) {
            return (kind == Kind.IDENTIFIER || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
        }

        @Override
        public String toString() {
            return kind == Kind.END ? "end of expression" : text;
        }
    }

    private static final String[] SYMBOLS = {"<>", "!=", "<=", ">=", "||", "=", "<", ">", "(", ")", "[", "]", ",",
            ".", "*", "+", "-", "/", "%"};

    private SqlLexer() {
    }

    static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder text = new StringBuilder();
                int start = i++;
                while (true) {
                    if (i >= n) {
                        throw new SelectException("LexerInvalidLiteral",
                                "The SQL expression contains an invalid operator or literal: unterminated "
                                        + (c == '\'' ? "string" : "quoted identifier") + " at " + start + ".");
                    }
                    char d = sql.charAt(i++);
                    if (d == c) {
                        if (i < n && sql.charAt(i) == c) {
                            text.append(c);
                            i++;
                            continue;
                        }
                        break;
                    }
                    text.append(d);
                }
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_IDENTIFIER, text.toString(), start));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                int start = i;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                if (i < n && sql.charAt(i) == '.') {
                    i++;
                    while (i < n && Character.isDigit(sql.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
                    int e = i + 1;
                    if (e < n && (sql.charAt(e) == '+' || sql.charAt(e) == '-')) {
                        e++;
                    }
                    if (e < n && Character.isDigit(sql.charAt(e))) {
                        i = e;
                        while (i < n && Character.isDigit(sql.charAt(i))) {
                            i++;
                        }
                    }
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, sql.substring(start, i), start));
            } else {
                String symbol = null;
                for (String s : SYMBOLS) {
                    if (sql.startsWith(s, i)) {
                        symbol = s;
                        break;
                    }
                }
                if (symbol == null) {
                    throw new SelectException("LexerInvalidChar",
                            "The SQL expression contains an invalid character: " + c + " at " + i + ".");
                }
                tokens.add(new Token(Kind.SYMBOL, symbol, i));
                i += symbol.length();
            }
        }
        tokens.add(new Token(Kind.END, "", n));
        return tokens;
    }
}
