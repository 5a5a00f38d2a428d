package dev.jwal.api;

/**
 * Told of each segment a log finishes, so that an application can ship it (to object storage, another disk)
 * before the log's {@link dev.jwal.api.config.RetentionPolicy retention} deletes it. Set with
 * {@link dev.jwal.api.config.WalConfig.Builder#segmentListener(SegmentListener)}; a log may have several.
 *
 * <p><b>When.</b> A segment is finished when the log rolls to the next one, or when the log closes (the
 * active segment is sealed). Segments finished by an earlier process that no listener returned for are
 * offered when the log opens. Segments are offered to each listener in log order, each one only after the
 * listener returned normally for the one before.
 *
 * <p><b>Threads.</b> Listeners run on the log's maintenance thread, one call at a time, never on an appending
 * thread nor under the log's locks: a slow listener delays shipping and retention, never an append.
 * {@link WriteAheadLog#close()} waits until the listeners have been offered the segment it seals and have
 * returned.
 *
 * <p><b>Failures.</b> A listener that throws keeps the segment: it is logged at ERROR and reported to the
 * problem listener ({@link LogProblem.Kind#SEGMENT_LISTENER_FAILED}), no later segment is offered to that
 * listener until it takes this one, and the offer is repeated at the next roll or checkpoint (and at the next
 * open). A segment is deleted by retention only after every listener returned normally for it.
 *
 * <p><b>At least once.</b> In one process, a listener is offered each finished segment once, unless it threw.
 * Across processes the log remembers, durably, the LSN below which every listener has returned (the
 * {@code shipped} file): a crash between a listener's return and that write means the segment is offered again
 * after restart. A segment sealed at close that a later writer reopens and appends to is offered again when it
 * is finished, with more records: the earlier offer's bytes are a prefix of the later. So a listener should
 * store segments by file name, replacing a shorter copy.
 */
@FunctionalInterface
public interface SegmentListener {

    /**
     * Takes a finished segment: copy it, upload it, or note it. The file is not deleted by retention before
     * this returns normally; it may be deleted by an explicit {@link WriteAheadLog#truncate(long)} meanwhile.
     *
     * @param segment the finished segment
     * @throws Exception if the segment was not taken; it is then kept and offered again later
     */
    void segmentClosed(SegmentInfo segment) throws Exception;
}
