package io.tidbbinlog.sim.catalog;

import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a column type as SQL spells it into the {@link FieldType} TiDB stores for it, with the flags the type
 * alone decides. Column-level flags (NOT NULL, keys, no default) are the {@link ColumnBuilder}'s job.
 *
 * <p>Where the values come from (pingcap/tidb): the parser's type rules (pkg/parser/parser.y {@code NumericType},
 * {@code StringType}, {@code DateAndTimeType}: DATETIME/TIMESTAMP/TIME widths 19/19/10 plus 1+fsp, ENUM Flen the
 * longest element, SET Flen the sum of elements plus separators, BIT(1) when no length); then
 * {@code setCharsetCollationFlenDecimal} (pkg/ddl/create_table.go): binary charset for types without one, the
 * table's utf8mb4/utf8mb4_bin for the others, unspecified Flen/Decimal from
 * {@code mysql.GetDefaultFieldLengthAndDecimal}, one digit less for unsigned integers other than BIGINT, TEXT(n)
 * and BLOB(n) resized to the smallest blob type that holds n characters; then {@code processColumnFlags}:
 * BinaryFlag for binary-charset strings and for the string-kind evaluation types (DATE, DATETIME, TIMESTAMP, TIME,
 * JSON), BIT unsigned, YEAR zerofill, and zerofill implying unsigned.
 */
public final class ColumnTypes {
    /** TiDB's default charset and its default collation for new tables (utf8mb4_bin, not MySQL's). */
    public static final String UTF8MB4 = "utf8mb4";
    public static final String UTF8MB4_BIN = "utf8mb4_bin";
    public static final String BINARY = "binary";

    private static final int UNSPECIFIED = -1;
    /** Stands for 4294967295 (LONGBLOB, LONGTEXT, JSON); FieldType writes it back as that. */
    private static final int MAX_BLOB_WIDTH = Integer.MAX_VALUE;
    private static final int UTF8MB4_MAX_BYTES = 4;

    private ColumnTypes() {
    }

    /**
     * The FieldType TiDB stores for {@code sqlType} in a utf8mb4 / utf8mb4_bin table.
     *
     * @throws IllegalArgumentException for a type this simulator does not know or cannot read
     * @throws DdlException             for a type TiDB refuses (length or precision out of range, ...)
     */
    public static FieldType parse(String column, String sqlType) {
        if (sqlType == null || sqlType.isBlank()) {
            throw new IllegalArgumentException("column '" + column + "' has no SQL type");
        }
        Lexer lx = new Lexer(column, sqlType);
        String name = lx.word();
        switch (name) {
            case "tinyint", "int1": return integer(lx, MysqlType.TINY);
            case "smallint", "int2": return integer(lx, MysqlType.SHORT);
            case "mediumint", "middleint", "int3": return integer(lx, MysqlType.INT24);
            case "int", "integer", "int4": return integer(lx, MysqlType.LONG);
            case "bigint", "int8": return integer(lx, MysqlType.LONGLONG);
            case "bool", "boolean": {
                Opts o = lx.numericOpts();
                lx.end();
                return finish(MysqlType.TINY, o.flags, 1, UNSPECIFIED, null);
            }
            case "decimal", "numeric", "dec", "fixed": return decimal(lx, column);
            case "float", "float4": return floating(lx, column, MysqlType.FLOAT);
            case "double", "real", "float8": {
                if (name.equals("double") && lx.peekWord("precision")) {
                    lx.word();
                }
                return floating(lx, column, MysqlType.DOUBLE);
            }
            case "bit": {
                int n = lx.optLength();
                lx.end();
                int len = n == UNSPECIFIED ? 1 : n;
                if (len < 1 || len > 64) {
                    throw new DdlException(1439, "Display width out of range for column '" + column + "' (max = 64)");
                }
                return finish(MysqlType.BIT, 0, len, UNSPECIFIED, null);
            }
            case "char", "character": {
                int n = lx.optLength();
                lx.end();
                if (n > 255) {
                    throw tooBig(column, 255);
                }
                return finish(MysqlType.STRING, 0, n, UNSPECIFIED, null);
            }
            case "varchar", "varcharacter": {
                int n = lx.requiredLength("VARCHAR");
                lx.end();
                if (n > 65535 / UTF8MB4_MAX_BYTES) {
                    throw tooBig(column, 65535 / UTF8MB4_MAX_BYTES);
                }
                return finish(MysqlType.VARCHAR, 0, n, UNSPECIFIED, null);
            }
            case "binary": {
                int n = lx.optLength();
                lx.end();
                if (n > 255) {
                    throw tooBig(column, 255);
                }
                return finishBinary(MysqlType.STRING, n);
            }
            case "varbinary": {
                int n = lx.requiredLength("VARBINARY");
                lx.end();
                if (n > 65535) {
                    throw tooBig(column, 65535);
                }
                return finishBinary(MysqlType.VARCHAR, n);
            }
            case "tinytext": return text(lx, MysqlType.TINY_BLOB, UNSPECIFIED);
            case "text": return text(lx, MysqlType.BLOB, lx.optLength());
            case "mediumtext": return text(lx, MysqlType.MEDIUM_BLOB, UNSPECIFIED);
            case "longtext": return text(lx, MysqlType.LONG_BLOB, UNSPECIFIED);
            case "tinyblob": return blob(lx, MysqlType.TINY_BLOB, UNSPECIFIED);
            case "blob": return blob(lx, MysqlType.BLOB, lx.optLength());
            case "mediumblob": return blob(lx, MysqlType.MEDIUM_BLOB, UNSPECIFIED);
            case "longblob": return blob(lx, MysqlType.LONG_BLOB, UNSPECIFIED);
            case "date": {
                lx.end();
                return finish(MysqlType.DATE, 0, UNSPECIFIED, UNSPECIFIED, null);
            }
            case "datetime": return timeWithFsp(lx, column, MysqlType.DATETIME, 19);
            case "timestamp": return timeWithFsp(lx, column, MysqlType.TIMESTAMP, 19);
            case "time": return timeWithFsp(lx, column, MysqlType.DURATION, 10);
            case "year": {
                int n = lx.optLength();
                lx.numericOpts();
                lx.end();
                if (n != UNSPECIFIED && n != 4) {
                    throw new DdlException(1818, "Supports only YEAR or YEAR(4) column.");
                }
                return finish(MysqlType.YEAR, 0, n, UNSPECIFIED, null);
            }
            case "enum": return enumOrSet(lx, column, MysqlType.ENUM);
            case "set": return enumOrSet(lx, column, MysqlType.SET);
            case "json": {
                lx.end();
                return finish(MysqlType.JSON, 0, UNSPECIFIED, 0, null);
            }
            default:
                throw new IllegalArgumentException("column '" + column + "': unknown SQL type '" + sqlType
                        + "' (type name '" + name + "')");
        }
    }

    /** Storage bytes of one value in an index key, for TiDB's 3072-byte key limit (strings only matter). */
    static int keyBytes(FieldType t) {
        if (MysqlType.isString(t.tp())) {
            long chars = t.flen() == MAX_BLOB_WIDTH ? FieldType.MAX_BLOB_WIDTH : t.flen();
            long bytes = BINARY.equals(t.charset()) ? chars : chars * UTF8MB4_MAX_BYTES;
            return (int) Math.min(bytes, Integer.MAX_VALUE);
        }
        return 8;
    }

    /** Integer types as TiDB's {@code mysql.IsIntegerType} counts them (YEAR is not one). */
    static boolean isIntegerType(int tp) {
        return tp == MysqlType.TINY || tp == MysqlType.SHORT || tp == MysqlType.INT24 || tp == MysqlType.LONG
                || tp == MysqlType.LONGLONG;
    }

    private static DdlException tooBig(String column, int max) {
        return new DdlException(1074, "Column length too big for column '" + column + "' (max = " + max
                + "); use BLOB or TEXT instead");
    }

    private static FieldType integer(Lexer lx, int tp) {
        int n = lx.optLength();
        Opts o = lx.numericOpts();
        lx.end();
        return finish(tp, o.flags, n, UNSPECIFIED, null);
    }

    private static FieldType decimal(Lexer lx, String column) {
        int[] md = lx.optPrecision();
        Opts o = lx.numericOpts();
        lx.end();
        int m = md[0];
        int d = md[1];
        if (m > 65) {
            throw new DdlException(1426, "Too-big precision " + m + " specified for '" + column + "'. Maximum is 65.");
        }
        if (d > 30) {
            throw new DdlException(1425, "Too big scale " + d + " specified for column '" + column + "'. Maximum is 30.");
        }
        if (m != UNSPECIFIED && d != UNSPECIFIED && m < d) {
            throw new DdlException(1427, "For float(M,D), double(M,D) or decimal(M,D), M must be >= D (column '"
                    + column + "').");
        }
        return finish(MysqlType.NEWDECIMAL, o.flags, m, d, null);
    }

    private static FieldType floating(Lexer lx, String column, int tp) {
        int[] md = lx.optPrecision();
        Opts o = lx.numericOpts();
        lx.end();
        int flen = md[0];
        int dec = md[1];
        int type = tp;
        // FLOAT(p): the precision only picks FLOAT or DOUBLE; the length stays unspecified (parser.y).
        if (type == MysqlType.FLOAT && dec == UNSPECIFIED && flen <= 53) {
            if (flen > 24) {
                type = MysqlType.DOUBLE;
            }
            flen = UNSPECIFIED;
        }
        if (dec != UNSPECIFIED && flen < dec) {
            throw new DdlException(1427, "For float(M,D), double(M,D) or decimal(M,D), M must be >= D (column '"
                    + column + "').");
        }
        return finish(type, o.flags, flen, dec, null);
    }

    private static FieldType timeWithFsp(Lexer lx, String column, int tp, int width) {
        int fsp = lx.optLength();
        lx.end();
        if (fsp > 6) {
            throw new DdlException(1426, "Too-big precision " + fsp + " specified for '" + column
                    + "'. Maximum is 6.");
        }
        int flen = fsp > 0 ? width + 1 + fsp : width;
        return finish(tp, 0, flen, fsp, null);
    }

    private static FieldType text(Lexer lx, int tp, int n) {
        lx.end();
        if (n == UNSPECIFIED) {
            return finish(tp, 0, UNSPECIFIED, UNSPECIFIED, null);
        }
        return resizedBlob(n * (long) UTF8MB4_MAX_BYTES, 0, UTF8MB4, UTF8MB4_BIN);
    }

    private static FieldType blob(Lexer lx, int tp, int n) {
        lx.end();
        if (n == UNSPECIFIED) {
            return finishBinary(tp, UNSPECIFIED);
        }
        return resizedBlob(n, ColumnFlag.BINARY, BINARY, BINARY);
    }

    /** TEXT(n) / BLOB(n): the smallest blob type for n characters (adjustBlobTypesFlen). */
    private static FieldType resizedBlob(long bytes, int flags, String charset, String collate) {
        int tp;
        int flen;
        if (bytes <= 255) {
            tp = MysqlType.TINY_BLOB;
            flen = 255;
        } else if (bytes <= 65535) {
            tp = MysqlType.BLOB;
            flen = 65535;
        } else if (bytes <= 16777215) {
            tp = MysqlType.MEDIUM_BLOB;
            flen = 16777215;
        } else {
            tp = MysqlType.LONG_BLOB;
            flen = MAX_BLOB_WIDTH;
        }
        return new FieldType(tp, flags, flen, 0, charset, collate, List.of());
    }

    private static FieldType enumOrSet(Lexer lx, String column, int tp) {
        List<String> elems = lx.stringList();
        lx.end();
        if (tp == MysqlType.SET && elems.size() > 64) {
            throw new DdlException(1097, "Too many strings for column " + column + " and SET");
        }
        Set<String> seen = new HashSet<>();
        int flen = tp == MysqlType.SET ? elems.size() - 1 : -1;
        List<String> trimmed = new ArrayList<>();
        for (String e : elems) {
            // Trailing spaces are dropped from ENUM/SET members (parser.y); utf8mb4_bin compares them as padded.
            String t = e.replaceFirst(" +$", "");
            if (!seen.add(t)) {
                throw new DdlException(1291, "Column '" + column + "' has duplicated value '" + t + "' in "
                        + (tp == MysqlType.SET ? "SET" : "ENUM"));
            }
            trimmed.add(t);
            int len = t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            flen = tp == MysqlType.SET ? flen + len : Math.max(flen, len);
        }
        return finish(tp, 0, flen, UNSPECIFIED, trimmed);
    }

    private static FieldType finishBinary(int tp, int flen) {
        return finish(tp, ColumnFlag.BINARY, flen, UNSPECIFIED, null, BINARY);
    }

    private static FieldType finish(int tp, int flags, int flen, int decimal, List<String> elems) {
        return finish(tp, flags, flen, decimal, elems, null);
    }

    private static FieldType finish(int tp, int flags, int flen, int decimal, List<String> elems,
                                    String explicitCharset) {
        String charset;
        String collate;
        if (explicitCharset != null) {
            charset = explicitCharset;
            collate = BINARY;
        } else if (needsCharset(tp)) {
            charset = UTF8MB4;
            collate = UTF8MB4_BIN;
        } else {
            charset = BINARY;
            collate = BINARY;
        }
        int[] def = defaultLengthAndDecimal(tp);
        int d = decimal == UNSPECIFIED ? def[1] : decimal;
        int f = flen;
        if (f == UNSPECIFIED) {
            f = def[0];
            if ((flags & ColumnFlag.UNSIGNED) != 0 && tp != MysqlType.LONGLONG && isIntegerType(tp)) {
                f--;
            }
        }
        int fl = flags;
        boolean stringKind = MysqlType.isString(tp) || tp == MysqlType.ENUM || tp == MysqlType.SET
                || tp == MysqlType.DATE || tp == MysqlType.DATETIME || tp == MysqlType.TIMESTAMP
                || tp == MysqlType.DURATION || tp == MysqlType.JSON;
        if (stringKind) {
            fl = BINARY.equals(charset) ? fl | ColumnFlag.BINARY : fl & ~ColumnFlag.BINARY;
        }
        if (tp == MysqlType.BIT) {
            fl = (fl & ~ColumnFlag.BINARY) | ColumnFlag.UNSIGNED;
        }
        if (tp == MysqlType.YEAR) {
            fl = (fl & ~ColumnFlag.BINARY) | ColumnFlag.ZEROFILL;
        }
        if ((fl & ColumnFlag.ZEROFILL) != 0) {
            fl |= ColumnFlag.UNSIGNED;
        }
        return new FieldType(tp, fl, f, d, charset, collate, elems == null ? List.of() : elems);
    }

    /** {@code typesNeedCharset} in pkg/ddl/create_table.go. */
    private static boolean needsCharset(int tp) {
        return MysqlType.isString(tp) || tp == MysqlType.ENUM || tp == MysqlType.SET;
    }

    /** {@code mysql.GetDefaultFieldLengthAndDecimal} (pkg/parser/mysql/type.go). */
    private static int[] defaultLengthAndDecimal(int tp) {
        switch (tp) {
            case MysqlType.BIT: return new int[] {1, 0};
            case MysqlType.TINY: return new int[] {4, 0};
            case MysqlType.SHORT: return new int[] {6, 0};
            case MysqlType.INT24: return new int[] {9, 0};
            case MysqlType.LONG: return new int[] {11, 0};
            case MysqlType.LONGLONG: return new int[] {20, 0};
            case MysqlType.DOUBLE: return new int[] {22, -1};
            case MysqlType.FLOAT: return new int[] {12, -1};
            case MysqlType.NEWDECIMAL: return new int[] {10, 0};
            case MysqlType.DURATION: return new int[] {10, 0};
            case MysqlType.DATE: return new int[] {10, 0};
            case MysqlType.TIMESTAMP: return new int[] {19, 0};
            case MysqlType.DATETIME: return new int[] {19, 0};
            case MysqlType.YEAR: return new int[] {4, 0};
            case MysqlType.STRING: return new int[] {1, 0};
            case MysqlType.VARCHAR: return new int[] {5, 0};
            case MysqlType.TINY_BLOB: return new int[] {255, 0};
            case MysqlType.BLOB: return new int[] {65535, 0};
            case MysqlType.MEDIUM_BLOB: return new int[] {16777215, 0};
            case MysqlType.LONG_BLOB: return new int[] {MAX_BLOB_WIDTH, 0};
            case MysqlType.JSON: return new int[] {MAX_BLOB_WIDTH, 0};
            case MysqlType.ENUM: return new int[] {-1, 0};
            case MysqlType.SET: return new int[] {-1, 0};
            default: return new int[] {-1, -1};
        }
    }

    private record Opts(int flags) {
    }

    /** A small scanner over one type text: words, (n), (m,d), ('a','b'), UNSIGNED / SIGNED / ZEROFILL. */
    private static final class Lexer {
        private final String column;
        private final String text;
        private int pos;

        Lexer(String column, String text) {
            this.column = column;
            this.text = text;
        }

        private IllegalArgumentException bad(String why) {
            return new IllegalArgumentException("column '" + column + "': cannot read SQL type '" + text + "': "
                    + why);
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        String word() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw bad("expected a word at offset " + start);
            }
            return text.substring(start, pos).toLowerCase(Locale.ROOT);
        }

        boolean peekWord(String w) {
            int save = pos;
            try {
                return word().equals(w);
            } catch (IllegalArgumentException e) {
                return false;
            } finally {
                pos = save;
            }
        }

        private boolean peek(char c) {
            skipSpace();
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw bad("expected '" + c + "' at offset " + pos);
            }
            pos++;
        }

        private int number() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw bad("expected a number at offset " + start);
            }
            try {
                return Integer.parseInt(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw bad("number too large at offset " + start);
            }
        }

        int optLength() {
            if (!peek('(')) {
                return UNSPECIFIED;
            }
            pos++;
            int n = number();
            expect(')');
            return n;
        }

        int requiredLength(String typeName) {
            if (!peek('(')) {
                throw bad(typeName + " needs a length");
            }
            return optLength();
        }

        int[] optPrecision() {
            if (!peek('(')) {
                return new int[] {UNSPECIFIED, UNSPECIFIED};
            }
            pos++;
            int m = number();
            int d = UNSPECIFIED;
            if (peek(',')) {
                pos++;
                d = number();
            }
            expect(')');
            return new int[] {m, d};
        }

        Opts numericOpts() {
            int flags = 0;
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    return new Opts(flags);
                }
                int save = pos;
                String w = word();
                switch (w) {
                    case "unsigned" -> flags |= ColumnFlag.UNSIGNED;
                    case "signed" -> { }
                    case "zerofill" -> flags |= ColumnFlag.ZEROFILL | ColumnFlag.UNSIGNED;
                    default -> {
                        pos = save;
                        return new Opts(flags);
                    }
                }
            }
        }

        List<String> stringList() {
            expect('(');
            List<String> out = new ArrayList<>();
            while (true) {
                out.add(quoted());
                if (peek(',')) {
                    pos++;
                    continue;
                }
                expect(')');
                return out;
            }
        }

        private String quoted() {
            skipSpace();
            if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                throw bad("expected a quoted string at offset " + pos);
            }
            SqlLiteral lit = SqlLiteral.readQuoted(text, pos);
            pos = lit.end();
            return lit.text();
        }

        void end() {
            skipSpace();
            if (pos != text.length()) {
                throw bad("unexpected '" + text.substring(pos) + "'");
            }
        }
    }
}
