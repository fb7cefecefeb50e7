package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One column of an index ({@code model.IndexColumn}): its name, its offset in the table's {@code cols}, and the
 * prefix length in characters, or -1 ({@code UnspecifiedLength}) when the whole value is indexed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexColumn(
        @JsonProperty("name") CIStr name,
        @JsonProperty("offset") int offset,
        @JsonProperty("length") int length) {

    public static final int UNSPECIFIED_LENGTH = -1;

    public IndexColumn {
        if (name == null) {
            throw new IllegalArgumentException("index column at offset " + offset + " has no name");
        }
    }

    @JsonIgnore
    public boolean isPrefix() {
        return length != UNSPECIFIED_LENGTH;
    }
}
