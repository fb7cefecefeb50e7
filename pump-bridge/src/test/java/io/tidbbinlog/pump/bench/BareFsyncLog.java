package io.tidbbinlog.pump.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.CRC32C;

/**
 * The "bare fsync writer" reference: the least any durable log must do per binlog, with nothing else (no gRPC, no
 * index, no sorter). Writers hand their payload to one appender thread, which frames everything queued (length and
 * CRC-32C), writes it with one call, forces it to disk once and then releases the whole group: the best group commit
 * a single file allows.
 */
final class BareFsyncLog implements TxnLoad.BinlogSink, AutoCloseable {

    private record Pending(byte[] payload, CompletableFuture<Void> done) {
    }

    private final FileChannel channel;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread appender;
    private volatile boolean closed;

    BareFsyncLog(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        appender = new Thread(this::appendLoop, "bare-fsync-appender");
        appender.setDaemon(true);
        appender.start();
    }

    @Override
    public void write(byte[] payload) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.put(new Pending(payload, done));
        done.get();
    }

    private void appendLoop() {
        List<Pending> batch = new ArrayList<>();
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 << 20);
        while (!closed) {
            try {
                Pending first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                buffer.clear();
                for (Pending p : batch) {
                    if (buffer.remaining() < p.payload.length + 16) {
                        flip(buffer);
                    }
                    crc.reset();
                    crc.update(p.payload);
                    buffer.putInt(0x823a56e8).putLong(p.payload.length).putInt((int) crc.getValue());
                    buffer.put(p.payload);
                }
                flip(buffer);
                channel.force(false);
                for (Pending p : batch) {
                    p.done.complete(null);
                }
            } catch (Exception e) {
                for (Pending p : batch) {
                    p.done.completeExceptionally(e);
                }
            }
            batch.clear();
        }
    }

    private void flip(ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws Exception {
        closed = true;
        appender.join();
        channel.close();
    }
}
