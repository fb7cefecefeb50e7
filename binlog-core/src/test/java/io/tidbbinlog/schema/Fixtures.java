package io.tidbbinlog.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the JSON fixtures next to these tests. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
