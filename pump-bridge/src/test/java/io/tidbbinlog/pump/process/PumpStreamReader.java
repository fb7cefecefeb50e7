package io.tidbbinlog.pump.process;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.pump.PullBinlogReq;
import io.tidbbinlog.proto.pump.PullBinlogResp;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.Pos;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A drainer's view of one pump: {@code PullBinlogs} from a commit_ts, collected as the pump streams, until the stream
 * has passed a given commit_ts (the pump's fake binlogs carry it past the last real one). Payloads are kept as
 * received, so a test sees exactly what a drainer would.
 */
public final class PumpStreamReader implements AutoCloseable {

    private final ManagedChannel channel;
    private final List<Binlog> received = new ArrayList<>();
    private final List<Long> entityCommitTs = new ArrayList<>();
    private volatile Throwable error;
    private volatile boolean completed;

    private PumpStreamReader(ManagedChannel channel) {
        this.channel = channel;
    }

    public static PumpStreamReader pull(String address, long clusterId, long afterCommitTs) {
        String[] hostPort = address.split(":");
        ManagedChannel channel = NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
                .usePlaintext().maxInboundMessageSize(Integer.MAX_VALUE - (4 << 20)).build();
        PumpStreamReader reader = new PumpStreamReader(channel);
        PumpGrpc.newStub(channel).pullBinlogs(PullBinlogReq.newBuilder().setClusterID(clusterId)
                .setStartFrom(Pos.newBuilder().setOffset(afterCommitTs)).build(), reader.observer());
        return reader;
    }

    private StreamObserver<PullBinlogResp> observer() {
        return new StreamObserver<>() {
            @Override
            public void onNext(PullBinlogResp resp) {
                try {
                    Binlog b = Binlog.parseFrom(resp.getEntity().getPayload());
                    synchronized (received) {
                        received.add(b);
                        entityCommitTs.add(resp.getEntity().getMeta().getCommitTs());
                    }
                } catch (Exception e) {
                    error = e;
                }
            }

            @Override
            public void onError(Throwable t) {
                error = t;
            }

            @Override
            public void onCompleted() {
                completed = true;
            }
        };
    }

    /** Waits until the stream has delivered a binlog with commit_ts above {@code commitTs}. */
    public void awaitBeyond(long commitTs, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (error != null) {
                throw new IllegalStateException("the pull stream failed", error);
            }
            synchronized (received) {
                return !received.isEmpty() && received.get(received.size() - 1).getCommitTs() > commitTs;
            }
        });
    }

    /** Everything received so far, in arrival order. */
    public List<Binlog> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The {@code meta.commitTs} of each entity received, in arrival order. */
    public List<Long> entityCommitTs() {
        synchronized (received) {
            return List.copyOf(entityCommitTs);
        }
    }

    public Throwable error() {
        return error;
    }

    public boolean completed() {
        return completed;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
