package dev.gureum.ec2.workload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessCpuTest {

    @Test
    void aStatLineGivesUserSystemAndWaitedForChildrenTimes() {
        String stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 1234 0 0 0 70 30 5 2 20 0 1 0 "
                + "123456 12345678 1000 18446744073709551615";
        assertThat(ProcessCpu.parse(stat)).hasValue(107);
        assertThat(ProcessCpu.parse("garbage")).isEmpty();
        assertThat(ProcessCpu.parse("1 (x) S 1 2")).isEmpty();
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        assumeTrue(ProcessCpu.available(), "processes are measured from /proc");
        assertThat(ProcessCpu.nanos(ProcessHandle.current()).orElseThrow()).isPositive();
    }
}
