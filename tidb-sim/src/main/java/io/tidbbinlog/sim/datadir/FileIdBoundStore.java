package io.tidbbinlog.sim.datadir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbbinlog.sim.autoid.IdBoundStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Id-block bounds in one JSON file ({@code {"<key>": <bound>, ...}}), rewritten durably on every change. Writes
 * are rare: one per block of ids.
 */
public final class FileIdBoundStore implements IdBoundStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DurableFile file;
    private final TreeMap<String, Long> bounds;

    private FileIdBoundStore(DurableFile file, TreeMap<String, Long> bounds) {
        this.file = file;
        this.bounds = bounds;
    }

    /** Opens the bounds in {@code path} (none yet when it does not exist). */
    public static FileIdBoundStore open(Path path) {
        DurableFile file = new DurableFile(path);
        TreeMap<String, Long> bounds = new TreeMap<>();
        byte[] content = file.read().orElse(null);
        if (content != null) {
            Map<String, Long> read;
            try {
                read = JSON.readValue(content, new TypeReference<Map<String, Long>>() { });
            } catch (IOException e) {
                throw new IllegalStateException("id bound file " + file + " is corrupt: " + e.getMessage(), e);
            }
            if (read == null) {
                throw new IllegalStateException("id bound file " + file + " is corrupt: it holds null");
            }
            for (Map.Entry<String, Long> e : read.entrySet()) {
                if (e.getValue() == null || e.getValue() < 0) {
                    throw new IllegalStateException("id bound file " + file + " is corrupt: key " + e.getKey()
                            + " has bound " + e.getValue());
                }
            }
            bounds.putAll(read);
        }
        return new FileIdBoundStore(file, bounds);
    }

    public Path path() {
        return file.path();
    }

    @Override
    public synchronized long bound(String key) {
        return bounds.getOrDefault(key, 0L);
    }

    @Override
    public synchronized void save(String key, long bound) {
        TreeMap<String, Long> next = new TreeMap<>(bounds);
        next.put(key, bound);
        write(next);
        bounds.put(key, bound);
    }

    @Override
    public synchronized void remove(String key) {
        if (!bounds.containsKey(key)) {
            return;
        }
        TreeMap<String, Long> next = new TreeMap<>(bounds);
        next.remove(key);
        write(next);
        bounds.remove(key);
    }

    @Override
    public synchronized Set<String> keys() {
        return Set.copyOf(bounds.keySet());
    }

    private void write(Map<String, Long> content) {
        try {
            file.replace(JSON.writeValueAsBytes(content));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode id bounds for " + file, e);
        }
    }
}
