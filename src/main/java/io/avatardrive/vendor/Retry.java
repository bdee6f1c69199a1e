package io.avatardrive.vendor;

/** What a failed drive deserves, as its vendor's code or its stage implies: the same answer for every ingress. */
public enum Retry {
    /** Permanent: file it, or dead-letter it, at once. */
    NEVER,
    /** Transient: drive it again from the start after a back-off. */
    LATER,
    /** Only the signature was stale: drive it again at once. */
    AT_ONCE
}
