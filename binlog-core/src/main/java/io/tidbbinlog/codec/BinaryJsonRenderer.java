package io.tidbbinlog.codec;

import io.tidbbinlog.schema.MysqlType;

import java.util.Base64;

/**
 * Renders binary JSON the way TiDB's {@code BinaryJSON.MarshalJSON} does: {@code ", "} between elements,
 * {@code ": "} after keys, keys in stored (sorted) order, Go's JSON string escaping, Go's float formatting with
 * TiDB's cut-offs, times and durations as quoted strings with 6 fractional digits, opaque values as
 * {@code "base64:type<N>:<base64>"}. Every offset is checked against its container before it is followed.
 */
final class BinaryJsonRenderer {
    private static final int MAX_DEPTH = 512;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] b;
    private final int start;
    private final int end;
    private final StringBuilder sb;

    BinaryJsonRenderer(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IllegalArgumentException("range outside buffer");
        }
        this.b = b;
        this.start = off;
        this.end = off + len;
        this.sb = new StringBuilder(Math.min(len * 2, 1 << 16) + 8);
    }

    String render() {
        if (end - start < 1) {
            throw error("empty binary JSON", start);
        }
        int type = b[start] & 0xff;
        renderValue(type, start + 1, end, 0);
        return sb.toString();
    }

    private CodecException error(String what, int at) {
        return CodecException.at("invalid binary JSON: " + what, at - start, end - start);
    }

    private void need(int p, long n, int limit, String what) {
        if (p < start || n < 0 || p > limit || limit - p < n) {
            throw error("truncated " + what, Math.min(Math.max(p, start), end));
        }
    }

    private void renderValue(int type, int p, int limit, int depth) {
        switch (type) {
            case BinaryJson.LITERAL:
                need(p, 1, limit, "literal");
                renderLiteral(b[p] & 0xff, p);
                break;
            case BinaryJson.INT64:
                need(p, 8, limit, "int64");
                sb.append(BinaryJson.readI64(b, p));
                break;
            case BinaryJson.UINT64:
                need(p, 8, limit, "uint64");
                sb.append(Long.toUnsignedString(BinaryJson.readI64(b, p)));
                break;
            case BinaryJson.FLOAT64: {
                need(p, 8, limit, "float64");
                double f = Double.longBitsToDouble(BinaryJson.readI64(b, p));
                if (Double.isNaN(f) || Double.isInfinite(f)) {
                    throw error("float64 " + f + " has no JSON text", p);
                }
                GoFloatFormat.appendJsonFloat(sb, f);
                break;
            }
            case BinaryJson.STRING: {
                long[] lv = BinaryJson.uvarint(b, p, limit, start);
                need(p + (int) lv[1], lv[0], limit, "string");
                appendQuoted(p + (int) lv[1], (int) lv[0]);
                break;
            }
            case BinaryJson.OPAQUE: {
                need(p, 1, limit, "opaque");
                int mysqlType = b[p] & 0xff;
                long[] lv = BinaryJson.uvarint(b, p + 1, limit, start);
                int dataStart = p + 1 + (int) lv[1];
                need(dataStart, lv[0], limit, "opaque");
                byte[] data = java.util.Arrays.copyOfRange(b, dataStart, dataStart + (int) lv[0]);
                sb.append("\"base64:type").append(mysqlType).append(':')
                        .append(Base64.getEncoder().encodeToString(data)).append('"');
                break;
            }
            case BinaryJson.DATE:
            case BinaryJson.DATETIME:
            case BinaryJson.TIMESTAMP: {
                need(p, 8, limit, "time");
                int mysqlType = type == BinaryJson.DATE ? MysqlType.DATE
                        : type == BinaryJson.DATETIME ? MysqlType.DATETIME : MysqlType.TIMESTAMP;
                TidbTime t;
                try {
                    t = TidbTime.fromCoreTime(BinaryJson.readI64(b, p), mysqlType, 6);
                } catch (CodecException e) {
                    throw error(e.getMessage(), p);
                }
                sb.append('"').append(t).append('"');
                break;
            }
            case BinaryJson.DURATION:
                need(p, 12, limit, "duration");
                sb.append('"').append(DurationText.format(BinaryJson.readI64(b, p), 6)).append('"');
                break;
            case BinaryJson.OBJECT:
            case BinaryJson.ARRAY:
                renderContainer(type, p, limit, depth);
                break;
            default:
                throw error("unknown type code " + type, p);
        }
    }

    private void renderLiteral(int lit, int p) {
        switch (lit) {
            case BinaryJson.LITERAL_NULL:
                sb.append("null");
                break;
            case BinaryJson.LITERAL_TRUE:
                sb.append("true");
                break;
            case BinaryJson.LITERAL_FALSE:
                sb.append("false");
                break;
            default:
                throw error("unknown literal " + lit, p);
        }
    }

    private void renderContainer(int type, int p, int limit, int depth) {
        if (depth >= MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH, p);
        }
        need(p, BinaryJson.HEADER_SIZE, limit, "container header");
        long count = BinaryJson.readU32(b, p);
        long size = BinaryJson.readU32(b, p + 4);
        if (size < BinaryJson.HEADER_SIZE) {
            throw error("container size " + size, p);
        }
        need(p, size, limit, "container");
        int cEnd = p + (int) size;
        boolean object = type == BinaryJson.OBJECT;
        long entries = BinaryJson.HEADER_SIZE
                + count * (object ? BinaryJson.KEY_ENTRY_SIZE + BinaryJson.VALUE_ENTRY_SIZE : BinaryJson.VALUE_ENTRY_SIZE);
        if (entries > size) {
            throw error("element count " + count + " does not fit container of " + size + " bytes", p);
        }
        int n = (int) count;
        sb.append(object ? '{' : '[');
        int valueEntries = p + BinaryJson.HEADER_SIZE + (object ? n * BinaryJson.KEY_ENTRY_SIZE : 0);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (object) {
                int ke = p + BinaryJson.HEADER_SIZE + i * BinaryJson.KEY_ENTRY_SIZE;
                long keyOff = BinaryJson.readU32(b, ke);
                int keyLen = BinaryJson.readU16(b, ke + 4);
                if (keyOff > size || keyOff + keyLen > size) {
                    throw error("key outside its object", ke);
                }
                appendQuoted(p + (int) keyOff, keyLen);
                sb.append(": ");
            }
            int ve = valueEntries + i * BinaryJson.VALUE_ENTRY_SIZE;
            int vt = b[ve] & 0xff;
            if (vt == BinaryJson.LITERAL) {
                renderLiteral(b[ve + 1] & 0xff, ve + 1);
            } else {
                long valOff = BinaryJson.readU32(b, ve + 1);
                if (valOff >= size) {
                    throw error("value outside its container", ve);
                }
                renderValue(vt, p + (int) valOff, cEnd, depth + 1);
            }
        }
        sb.append(object ? '}' : ']');
    }

    /** Go's JSON string encoding (encoding/json, non-HTML-escaping set) as TiDB's jsonMarshalStringTo. */
    private void appendQuoted(int p, int len) {
        sb.append('"');
        int e = p + len;
        int i = p;
        while (i < e) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    sb.append((char) c);
                } else {
                    switch (c) {
                        case '"':
                        case '\\':
                            sb.append('\\').append((char) c);
                            break;
                        case '\n':
                            sb.append("\\n");
                            break;
                        case '\r':
                            sb.append("\\r");
                            break;
                        case '\t':
                            sb.append("\\t");
                            break;
                        case '\b':
                            sb.append("\\b");
                            break;
                        case '\f':
                            sb.append("\\f");
                            break;
                        default:
                            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    }
                }
                i++;
                continue;
            }
            int cp = -1;
            int size = 1;
            if (c >= 0xc2 && c <= 0xdf) {
                if (i + 1 < e && isCont(b[i + 1])) {
                    cp = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
                    size = 2;
                }
            } else if (c >= 0xe0 && c <= 0xef) {
                if (i + 2 < e && isCont(b[i + 1]) && isCont(b[i + 2])) {
                    int c1 = b[i + 1] & 0xff;
                    boolean ok = (c != 0xe0 || c1 >= 0xa0) && (c != 0xed || c1 <= 0x9f);
                    if (ok) {
                        cp = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (b[i + 2] & 0x3f);
                        size = 3;
                    }
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                if (i + 3 < e && isCont(b[i + 1]) && isCont(b[i + 2]) && isCont(b[i + 3])) {
                    int c1 = b[i + 1] & 0xff;
                    boolean ok = (c != 0xf0 || c1 >= 0x90) && (c != 0xf4 || c1 <= 0x8f);
                    if (ok) {
                        cp = ((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
                        size = 4;
                    }
                }
            }
            if (cp < 0) {
                sb.append("\\ufffd");
            } else if (cp == 0x2028 || cp == 0x2029) {
                sb.append("\\u202").append(HEX[cp & 0xf]);
            } else {
                sb.appendCodePoint(cp);
            }
            i += size;
        }
        sb.append('"');
    }

    private static boolean isCont(byte x) {
        return (x & 0xc0) == 0x80;
    }
}
