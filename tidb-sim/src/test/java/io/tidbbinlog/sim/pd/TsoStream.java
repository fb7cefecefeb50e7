package io.tidbbinlog.sim.pd;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.pdpb.PDGrpc;
import io.tidbbinlog.proto.pdpb.RequestHeader;
import io.tidbbinlog.proto.pdpb.TsoRequest;
import io.tidbbinlog.proto.pdpb.TsoResponse;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One raw {@code /pdpb.PD/Tso} stream driven by a test, one request and one answer at a time. */
final class TsoStream implements AutoCloseable {

    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final StreamObserver<TsoRequest> requests;

    TsoStream(ManagedChannel channel) {
        requests = PDGrpc.newStub(channel).tso(new StreamObserver<>() {
            @Override
            public void onNext(TsoResponse value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable t) {
                answers.add(t);
            }

            @Override
            public void onCompleted() {
                answers.add("completed");
            }
        });
    }

    /** Sends one request and returns PD's answer: a TsoResponse, or the Throwable that ended the stream. */
    Object ask(long clusterId, int count) throws InterruptedException {
        requests.onNext(TsoRequest.newBuilder()
                .setHeader(RequestHeader.newBuilder().setClusterId(clusterId))
                .setCount(count)
                .build());
        Object answer = answers.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("PD did not answer a TSO request within 10 s");
        }
        return answer;
    }

    TsoResponse timestamps(long clusterId, int count) throws InterruptedException {
        Object answer = ask(clusterId, count);
        if (answer instanceof TsoResponse r) {
            return r;
        }
        throw new AssertionError("expected timestamps, PD answered " + answer);
    }

    @Override
    public void close() {
        try {
            requests.onCompleted();
        } catch (RuntimeException ignored) {
            // the stream already ended
        }
    }
}
