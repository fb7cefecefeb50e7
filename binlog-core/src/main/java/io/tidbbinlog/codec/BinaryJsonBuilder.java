package io.tidbbinlog.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * JSON text to TiDB binary JSON, following TiDB's {@code ParseBinaryJSONFromString}: Go's encoding/json grammar
 * (strict numbers, no control characters in strings, invalid surrogates become U+FFFD), nothing but whitespace after
 * the document, duplicate object keys keep the last value, keys sorted by their UTF-8 bytes, numbers typed as
 * json.Number is by TiDB (float if it has '.', 'e' or 'E', else int64, else uint64, else float), literals inlined in
 * value entries, and at most 100 levels of nesting.
 */
final class BinaryJsonBuilder {
    private static final int MAX_DEPTH = 100;
    private static final Object NULL = new Object();

    private final String s;
    private int pos;

    BinaryJsonBuilder(String s) {
        this.s = s;
    }

    byte[] build() {
        skipWs();
        if (pos >= s.length()) {
            throw error("The document is empty");
        }
        Object root = parseValue(0);
        skipWs();
        if (pos < s.length()) {
            throw error("The document root must not be followed by other values");
        }
        if (depth(root) - 1 > MAX_DEPTH) {
            throw error("The JSON document exceeds the maximum depth " + MAX_DEPTH);
        }
        Out out = new Out();
        out.put(0);
        int type = append(out, root);
        out.buf[0] = (byte) type;
        return Arrays.copyOf(out.buf, out.size);
    }

    private CodecException error(String what) {
        return new CodecException("invalid JSON text: " + what + " (at character " + pos + ")");
    }

    // ---- parsing ----

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                break;
            }
        }
    }

    private Object parseValue(int nesting) {
        skipWs();
        if (pos >= s.length()) {
            throw error("unexpected end of JSON input");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return parseObject(nesting + 1);
            case '[':
                return parseArray(nesting + 1);
            case '"':
                return parseString();
            case 't':
                expectWord("true");
                return Boolean.TRUE;
            case 'f':
                expectWord("false");
                return Boolean.FALSE;
            case 'n':
                expectWord("null");
                return NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return parseNumber();
                }
                throw error("invalid character '" + c + "' looking for beginning of value");
        }
    }

    private void expectWord(String w) {
        if (!s.startsWith(w, pos)) {
            throw error("invalid literal");
        }
        pos += w.length();
    }

    private void checkNesting(int nesting) {
        if (nesting > MAX_DEPTH + 1) {
            throw error("The JSON document exceeds the maximum depth " + MAX_DEPTH);
        }
    }

    private Object parseObject(int nesting) {
        checkNesting(nesting);
        pos++; // '{'
        TreeMap<byte[], Object> map = new TreeMap<>(Arrays::compareUnsigned);
        skipWs();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWs();
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw error("expected object key");
            }
            byte[] key = parseString().bytes;
            if (key.length > 0xffff) {
                throw error("JSON object key too long");
            }
            skipWs();
            if (pos >= s.length() || s.charAt(pos) != ':') {
                throw error("expected ':' after object key");
            }
            pos++;
            map.put(key, parseValue(nesting));
            skipWs();
            if (pos >= s.length()) {
                throw error("unexpected end of JSON input");
            }
            char c = s.charAt(pos++);
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' after object value");
            }
        }
    }

    private Object parseArray(int nesting) {
        checkNesting(nesting);
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWs();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(parseValue(nesting));
            skipWs();
            if (pos >= s.length()) {
                throw error("unexpected end of JSON input");
            }
            char c = s.charAt(pos++);
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' after array element");
            }
        }
    }

    /** A JSON string already converted to UTF-8. */
    private static final class Str {
        final byte[] bytes;

        Str(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** A number kept as text until it is typed, as json.Number is. */
    private static final class Num {
        final String text;

        Num(String text) {
            this.text = text;
        }
    }

    private Str parseString() {
        pos++; // opening quote
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= s.length()) {
                throw error("unexpected end of JSON input in string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return new Str(out.toByteArray());
            }
            if (c < 0x20) {
                throw error("invalid control character in string");
            }
            if (c != '\\') {
                if (Character.isHighSurrogate(c) && pos < s.length() && Character.isLowSurrogate(s.charAt(pos))) {
                    putUtf8(out, Character.toCodePoint(c, s.charAt(pos++)));
                } else if (Character.isSurrogate(c)) {
                    putUtf8(out, 0xfffd);
                } else {
                    putUtf8(out, c);
                }
                continue;
            }
            if (pos >= s.length()) {
                throw error("unexpected end of JSON input in string");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    out.write(e);
                    break;
                case 'b':
                    out.write('\b');
                    break;
                case 'f':
                    out.write('\f');
                    break;
                case 'n':
                    out.write('\n');
                    break;
                case 'r':
                    out.write('\r');
                    break;
                case 't':
                    out.write('\t');
                    break;
                case 'u': {
                    int cp = hex4();
                    if (Character.isHighSurrogate((char) cp)) {
                        if (pos + 1 < s.length() && s.charAt(pos) == '\\' && s.charAt(pos + 1) == 'u') {
                            int save = pos;
                            pos += 2;
                            int lo = hex4();
                            if (Character.isLowSurrogate((char) lo)) {
                                putUtf8(out, Character.toCodePoint((char) cp, (char) lo));
                                break;
                            }
                            pos = save; // the next escape is decoded on its own
                        }
                        putUtf8(out, 0xfffd);
                    } else if (Character.isLowSurrogate((char) cp)) {
                        putUtf8(out, 0xfffd);
                    } else {
                        putUtf8(out, cp);
                    }
                    break;
                }
                default:
                    throw error("invalid escape '\\" + e + "' in string");
            }
        }
    }

    private int hex4() {
        if (pos + 4 > s.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0 || s.charAt(pos + i) > 'f') {
                throw error("invalid \\u escape");
            }
            v = (v << 4) | d;
        }
        pos += 4;
        return v;
    }

    private static void putUtf8(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xc0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out.write(0xe0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3f));
            out.write(0x80 | (cp & 0x3f));
        } else {
            out.write(0xf0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3f));
            out.write(0x80 | ((cp >> 6) & 0x3f));
            out.write(0x80 | (cp & 0x3f));
        }
    }

    private Num parseNumber() {
        int start = pos;
        if (s.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= s.length()) {
            throw error("invalid number");
        }
        char c = s.charAt(pos);
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        } else {
            throw error("invalid number");
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                throw error("invalid number: digit expected after '.'");
            }
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                throw error("invalid number: digit expected in exponent");
            }
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        return new Num(s.substring(start, pos));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int depth(Object v) {
        int max = 0;
        if (v instanceof List) {
            for (Object e : (List<?>) v) {
                max = Math.max(max, depth(e));
            }
        } else if (v instanceof TreeMap) {
            for (Object e : ((TreeMap<?, ?>) v).values()) {
                max = Math.max(max, depth(e));
            }
        }
        return max + 1;
    }

    // ---- building ----

    private static final class Out {
        byte[] buf = new byte[64];
        int size;

        void ensure(int n) {
            if (buf.length - size < n) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        void put(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void zeros(int n) {
            ensure(n);
            Arrays.fill(buf, size, size + n, (byte) 0);
            size += n;
        }

        void u64(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buf[size++] = (byte) (v >>> (8 * i));
            }
        }

        void u32At(int at, long v) {
            for (int i = 0; i < 4; i++) {
                buf[at + i] = (byte) (v >>> (8 * i));
            }
        }

        void uvarint(long v) {
            ensure(10);
            while (Long.compareUnsigned(v, 0x80) >= 0) {
                buf[size++] = (byte) (v | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }
    }

    /** Appends the value (without type byte) and returns its type code. */
    private int append(Out out, Object v) {
        if (v == NULL) {
            out.put(BinaryJson.LITERAL_NULL);
            return BinaryJson.LITERAL;
        }
        if (v instanceof Boolean) {
            out.put((Boolean) v ? BinaryJson.LITERAL_TRUE : BinaryJson.LITERAL_FALSE);
            return BinaryJson.LITERAL;
        }
        if (v instanceof Str) {
            byte[] b = ((Str) v).bytes;
            out.uvarint(b.length);
            out.put(b);
            return BinaryJson.STRING;
        }
        if (v instanceof Num) {
            return appendNumber(out, ((Num) v).text);
        }
        if (v instanceof List) {
            List<?> list = (List<?>) v;
            int doc = out.size;
            out.zeros(BinaryJson.HEADER_SIZE);
            out.u32At(doc, list.size());
            int entries = out.size;
            out.zeros(list.size() * BinaryJson.VALUE_ENTRY_SIZE);
            for (int i = 0; i < list.size(); i++) {
                appendElement(out, doc, entries + i * BinaryJson.VALUE_ENTRY_SIZE, list.get(i));
            }
            out.u32At(doc + 4, out.size - doc);
            return BinaryJson.ARRAY;
        }
        @SuppressWarnings("unchecked")
        TreeMap<byte[], Object> map = (TreeMap<byte[], Object>) v;
        int n = map.size();
        int doc = out.size;
        out.zeros(BinaryJson.HEADER_SIZE);
        out.u32At(doc, n);
        int keyEntries = out.size;
        out.zeros(n * BinaryJson.KEY_ENTRY_SIZE);
        int valueEntries = out.size;
        out.zeros(n * BinaryJson.VALUE_ENTRY_SIZE);
        int i = 0;
        for (byte[] key : map.keySet()) {
            int ke = keyEntries + i * BinaryJson.KEY_ENTRY_SIZE;
            out.u32At(ke, out.size - doc);
            out.buf[ke + 4] = (byte) key.length;
            out.buf[ke + 5] = (byte) (key.length >>> 8);
            out.put(key);
            i++;
        }
        i = 0;
        for (Object val : map.values()) {
            appendElement(out, doc, valueEntries + i * BinaryJson.VALUE_ENTRY_SIZE, val);
            i++;
        }
        out.u32At(doc + 4, out.size - doc);
        return BinaryJson.OBJECT;
    }

    private void appendElement(Out out, int doc, int entry, Object val) {
        int elemStart = out.size;
        int type = append(out, val);
        if (type == BinaryJson.LITERAL) {
            byte lit = out.buf[elemStart];
            out.size = elemStart;
            out.buf[entry] = (byte) BinaryJson.LITERAL;
            out.buf[entry + 1] = lit;
            return;
        }
        out.buf[entry] = (byte) type;
        out.u32At(entry + 1, elemStart - doc);
    }

    private int appendNumber(Out out, String text) {
        boolean floaty = text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
        if (!floaty) {
            try {
                out.u64(Long.parseLong(text));
                return BinaryJson.INT64;
            } catch (NumberFormatException ignored) {
                // too large for int64
            }
            if (text.charAt(0) != '-') {
                try {
                    out.u64(Long.parseUnsignedLong(text));
                    return BinaryJson.UINT64;
                } catch (NumberFormatException ignored) {
                    // too large for uint64: a float, as in TiDB
                }
            }
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            throw error("number " + text + " out of range");
        }
        out.u64(Double.doubleToRawLongBits(d));
        return BinaryJson.FLOAT64;
    }
}
