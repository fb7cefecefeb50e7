package io.tidbbinlog.pump.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pump's optional {@code socket}: gRPC on a unix domain socket besides the TCP port (binlog:pump/server.go Start). */
class PumpEndpointUnixSocketTest {

    @TempDir
    Path dir;

    @Test
    void grpcIsServedOnTheUnixSocketTooAndTheSocketFileIsRemovedAtShutdown() throws Exception {
        Path socket = dir.resolve("pump.sock");
        InMemoryBinlogStorage storage = new InMemoryBinlogStorage();
        FakePumpControl control = new FakePumpControl("pump-1");
        PumpMetrics metrics = new PumpMetrics();
        PumpService service = new PumpService(9, storage, control, metrics);
        PumpEndpoint endpoint = new PumpEndpoint(EndpointSettings.plain("127.0.0.1", 0).withSocket(socket.toString()),
                service, control, metrics).start();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ManagedChannel channel = NettyChannelBuilder.forAddress(UnixDomainSocketAddress.of(socket))
                .channelType(NioDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
        try {
            assertTrue(Files.exists(socket));
            Binlog binlog = Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(33).build();
            String errmsg = PumpGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .writeBinlog(WriteBinlogReq.newBuilder().setClusterID(9).setPayload(binlog.toByteString()).build())
                    .getErrmsg();
            assertEquals("", errmsg);
            assertEquals(binlog, storage.writes.get(0).binlog());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            service.close();
            endpoint.shutdown(Duration.ofSeconds(1));
        }
        assertFalse(Files.exists(socket));
    }
}
