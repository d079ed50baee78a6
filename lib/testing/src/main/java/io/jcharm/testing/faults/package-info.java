/**
 * The fault matrix (issue 18): {@link io.jcharm.testing.faults.FaultMatrix} marks a charm's fault
 * test class, {@link io.jcharm.testing.faults.FaultRecorder} records each cell from what the test
 * observed, {@link io.jcharm.testing.faults.FaultChecks} holds the checks every cell makes, and
 * {@link io.jcharm.testing.faults.FaultTable} turns every module's records into docs/faults.md.
 *
 * <pre>{@code
 * @FaultMatrix(charm = "hello")
 * class HelloFaultsTest { @Test void x(FaultRecorder faults) { faults.notApplicable(FaultKind.K8S_403, "no Kubernetes API"); } }
 * }</pre>
 */
package io.jcharm.testing.faults;
