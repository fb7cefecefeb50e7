package io.tidbbinlog.pd;

import java.util.List;

/**
 * A GetMembers answer: the cluster id from the response header, every member and the leader, whose client URL
 * serves TSO requests.
 *
 * @param answeredBy the URL that answered
 */
public record PdMembers(long clusterId, List<PdMember> members, PdMember leader, String answeredBy) {

    public PdMembers {
        members = List.copyOf(members);
    }
}
