package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * TiDB's case-insensitive name ({@code model.CIStr}): {@code O} is the name as the user wrote it, {@code L} its
 * lower-cased form, which TiDB uses for every comparison.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CIStr(@JsonProperty("O") String o, @JsonProperty("L") String l) {

    public CIStr {
        o = o == null ? "" : o;
        // Older or hand-written JSON may carry only O; TiDB derives L from O the same way.
        l = l == null || (l.isEmpty() && !o.isEmpty()) ? o.toLowerCase(Locale.ROOT) : l;
    }

    public static CIStr of(String name) {
        return new CIStr(name, name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return o;
    }
}
