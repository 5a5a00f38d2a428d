/**
 * The jwal power-loss and fault-injection test kit.
 *
 * <p>{@link dev.jwal.testkit.SimulatedFileSystem} stands behind wal-core's
 * {@link dev.jwal.core.io.LogFileSystem} seam: it writes through to real files
 * and remembers what a completed force made durable, so that
 * {@link dev.jwal.testkit.SimulatedFileSystem#powerLoss} can put the directory
 * back in the state a real power loss would leave; a
 * {@link dev.jwal.testkit.FaultPlan} fails chosen writes, forces, renames and
 * directory forces, shortens writes and fills the disk.
 * {@link dev.jwal.testkit.AcknowledgedHistory} records what the log
 * acknowledged and checks a reopened log against it;
 * {@link dev.jwal.testkit.PowerLossRun} ties the two together in a few lines.
 */
module dev.jwal.testkit {
    requires transitive dev.jwal.core;

    exports dev.jwal.testkit;
}
