package io.tidbbinlog.registry;

/**
 * Receives a watch's events, in revision order, on one thread at a time. Nothing is lost silently: when etcd
 * can no longer replay the changes since the last event (the revision was compacted, or the watch died), the
 * watch lists the nodes again, hands the snapshot to {@link #onResync} and continues after it.
 */
public interface NodeEventListener {

    void onEvent(NodeEvent event);

    /** The full current set of nodes after a gap; replaces whatever the listener derived from earlier events. */
    default void onResync(NodeListing snapshot) {
    }

    /** A problem the watch works around by itself (lost connection, an unreadable entry); for logging. */
    default void onError(Throwable error) {
    }
}
