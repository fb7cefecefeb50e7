package io.tidbbinlog.sim.pumpclient;

/** A prewrite binlog that no pump accepted: TiDB fails the transaction's commit with it. */
public class PumpWriteException extends Exception {
    public PumpWriteException(String message) {
        super(message);
    }

    public PumpWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
