package io.github.braingobrr.npy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser for the subset of Python literal syntax that {@code .npy} headers use: dicts, tuples,
 * lists, strings, integers (with an optional Python-2 {@code L} suffix), {@code True}, {@code False} and
 * {@code None}. It is a recursive-descent parser over the whole text, not a pattern that only fits one
 * writer, and it rejects anything else (floats, expressions, names, trailing garbage) with the offset.
 */
final class PyLiteral {
    /** A Python tuple (distinct from a list). */
    record Tuple(List<Object> items) {}

    /** Python's {@code None} (maps cannot hold a Java {@code null} unambiguously). */
    enum None {
        NONE
    }

    /** Thrown with the character offset in the text where parsing failed. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;

        SyntaxException(int offset, String message) {
            super(message);
            this.offset = offset;
        }

        int offset() {
            return offset;
        }
    }

    private static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text} as a single literal followed only by whitespace.
     *
     * @return a {@link Map} (String keys, insertion order), {@link Tuple}, {@link List}, {@link String},
     *     {@link Long}, {@link Boolean} or {@link None}
     */
    static Object parse(String text) throws SyntaxException {
        PyLiteral p = new PyLiteral(text);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw new SyntaxException(p.pos, "unexpected " + p.describe() + " after the end of the literal");
        }
        return value;
    }

    private Object value(int depth) throws SyntaxException {
        if (depth > MAX_DEPTH) {
            throw new SyntaxException(pos, "literal nested more than " + MAX_DEPTH + " levels deep");
        }
        if (pos >= text.length()) {
            throw new SyntaxException(pos, "unexpected end of header, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict(depth);
            case '(':
                return tuple(depth);
            case '[':
                return list(depth);
            case '\'':
            case '"':
                return string();
            default:
                break;
        }
        if (c == 'u' || c == 'U') {
            if (pos + 1 < text.length() && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"')) {
                pos++;
                return string();
            }
        }
        if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
            return integer();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String word = text.substring(start, pos);
            switch (word) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return None.NONE;
                default:
                    throw new SyntaxException(
                            start, "unexpected name '" + word + "' (only True, False and None" + " are allowed)");
            }
        }
        throw new SyntaxException(pos, "unexpected " + describe() + ", expected a value");
    }

    private Map<String, Object> dict(int depth) throws SyntaxException {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        while (!peek('}')) {
            int keyAt = pos;
            if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                throw new SyntaxException(pos, "expected a quoted key or '}' but found " + describe());
            }
            String key = string();
            skipSpace();
            expect(':', "after key '" + key + "'");
            skipSpace();
            Object v = value(depth + 1);
            if (map.put(key, v) != null) {
                throw new SyntaxException(keyAt, "duplicate key '" + key + "'");
            }
            skipSpace();
            if (peek(',')) {
                pos++;
                skipSpace();
            } else if (!peek('}')) {
                throw new SyntaxException(
                        pos, "expected ',' or '}' after the value of '" + key + "' but found " + describe());
            }
        }
        pos++; // '}'
        return map;
    }

    private Object tuple(int depth) throws SyntaxException {
        pos++; // '('
        List<Object> items = new ArrayList<>();
        boolean sawComma = false;
        skipSpace();
        while (!peek(')')) {
            items.add(value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
                sawComma = true;
                skipSpace();
            } else if (!peek(')')) {
                throw new SyntaxException(pos, "expected ',' or ')' in tuple but found " + describe());
            }
        }
        pos++; // ')'
        if (items.size() == 1 && !sawComma) {
            return items.get(0); // "(x)" is a parenthesized value in Python, not a tuple
        }
        return new Tuple(List.copyOf(items));
    }

    private List<Object> list(int depth) throws SyntaxException {
        pos++; // '['
        List<Object> items = new ArrayList<>();
        skipSpace();
        while (!peek(']')) {
            items.add(value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
                skipSpace();
            } else if (!peek(']')) {
                throw new SyntaxException(pos, "expected ',' or ']' in list but found " + describe());
            }
        }
        pos++; // ']'
        return items;
    }

    private String string() throws SyntaxException {
        int start = pos;
        char quote = text.charAt(pos++);
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new SyntaxException(start, "unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\n') {
                throw new SyntaxException(pos - 1, "newline inside a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new SyntaxException(start, "unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '\\' -> b.append('\\');
                case '\'' -> b.append('\'');
                case '"' -> b.append('"');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case '0' -> b.append('\0');
                case 'x' -> b.appendCodePoint(hex(2));
                case 'u' -> b.appendCodePoint(hex(4));
                case 'U' -> b.appendCodePoint(hex(8));
                default -> throw new SyntaxException(pos - 2, "unsupported escape '\\" + e + "' in string");
            }
        }
    }

    private int hex(int digits) throws SyntaxException {
        if (pos + digits > text.length()) {
            throw new SyntaxException(pos, "truncated escape");
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw new SyntaxException(pos + i, "bad hex digit in escape");
            }
            v = v * 16 + d;
            if (v > Character.MAX_CODE_POINT) {
                throw new SyntaxException(pos, "escape beyond U+10FFFF");
            }
        }
        pos += digits;
        return v;
    }

    private Long integer() throws SyntaxException {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == digitsStart) {
            throw new SyntaxException(start, "expected digits after the sign");
        }
        String digits = text.substring(start, pos);
        if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++; // Python 2 long literal, as in (2L,)
        }
        if (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J' || c == '_' || Character.isLetterOrDigit(c)) {
                throw new SyntaxException(pos, "only plain integers are allowed here, found " + describe());
            }
        }
        if (digits.length() - (digitsStart - start) > 1 && text.charAt(digitsStart) == '0') {
            throw new SyntaxException(start, "integer with leading zero '" + digits + "'");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new SyntaxException(start, "integer " + digits + " does not fit in 64 bits");
        }
    }

    private void expect(char c, String where) throws SyntaxException {
        if (!peek(c)) {
            throw new SyntaxException(pos, "expected '" + c + "' " + where + " but found " + describe());
        }
        pos++;
    }

    private boolean peek(char c) throws SyntaxException {
        if (pos >= text.length()) {
            throw new SyntaxException(pos, "unexpected end of header (missing '" + c + "'?)");
        }
        return text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            pos++;
        }
    }

    private String describe() {
        if (pos >= text.length()) {
            return "end of header";
        }
        char c = text.charAt(pos);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }
}
