package io.tidbbinlog.sim.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tidbbinlog.schema.TidbJson;

/**
 * Writes bodies the way TiDB's Go code does: binlog-core's schema model gives TiDB's key names; this adds Go's
 * layout. {@code handler.WriteData} uses {@code json.MarshalIndent(data, "", " ")} (one-space indent,
 * {@code "key": value}); {@code GET /status} uses compact {@code json.Marshal}. Both escape {@code <}, {@code >},
 * {@code &}, U+2028 and U+2029 as Go's encoder does by default.
 */
final class GoJson {

    private static final ObjectWriter INDENTED;
    private static final ObjectWriter COMPACT;

    static {
        DefaultIndenter oneSpace = new DefaultIndenter(" ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(oneSpace);
        printer.indentArraysWith(oneSpace);
        INDENTED = TidbJson.mapper().writer(printer).with(new GoEscapes());
        COMPACT = TidbJson.mapper().writer().with(new GoEscapes());
    }

    private GoJson() {
    }

    /** {@code json.MarshalIndent(value, "", " ")}. */
    static byte[] indented(Object value) {
        try {
            return INDENTED.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** {@code json.Marshal(value)}. */
    static byte[] compact(Object value) {
        try {
            return COMPACT.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Go's {@code encoding/json} HTML-safe escaping. */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table;

        GoEscapes() {
            table = CharacterEscapes.standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_CUSTOM;
            table['>'] = ESCAPE_CUSTOM;
            table['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
