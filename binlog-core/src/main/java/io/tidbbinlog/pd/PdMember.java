package io.tidbbinlog.pd;

import io.tidbbinlog.proto.pdpb.Member;
import java.util.List;

/** One PD server as GetMembers describes it. */
public record PdMember(String name, long memberId, List<String> clientUrls, List<String> peerUrls) {

    public PdMember {
        clientUrls = List.copyOf(clientUrls);
        peerUrls = List.copyOf(peerUrls);
    }

    static PdMember of(Member m) {
        return new PdMember(m.getName(), m.getMemberId(), m.getClientUrlsList(), m.getPeerUrlsList());
    }
}
