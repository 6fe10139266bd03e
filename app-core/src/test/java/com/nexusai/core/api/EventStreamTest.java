package com.nexusai.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class EventStreamTest {

    private static List<String> read(EventStream stream, List<EventStream.End> end) {
        List<String> events = new ArrayList<>();
        end.add(stream.read((name, data) -> {
            events.add(name + "=" + data);
            return !name.equals("done");
        }));
        return events;
    }

    @Test
    void readsNamedEventsSkipsCommentsAndJoinsDataLines() {
        EventStream stream = new EventStream(Stream.of("event:start", "data:{\"a\":1}", "", ": keep-alive", "", "event:token",
                "data: line one", "data: line two", "", "data:unnamed", "", "event:done", "data:{}", "", "event:token", "data:late", ""));
        List<EventStream.End> end = new ArrayList<>();
        assertThat(read(stream, end)).containsExactly("start={\"a\":1}", "token=line one\nline two", "message=unnamed", "done={}");
        assertThat(end).containsExactly(EventStream.End.BY_HANDLER);
    }

    @Test
    void saysWhenTheServerClosedFirstOrTheReaderStopped() {
        List<EventStream.End> end = new ArrayList<>();
        read(new EventStream(Stream.of("event:token", "data:x", "")), end);
        EventStream stopped = new EventStream(Stream.of("event:token", "data:x", ""));
        stopped.stop();
        read(stopped, end);
        assertThat(end).containsExactly(EventStream.End.CLOSED_BY_SERVER, EventStream.End.STOPPED);
    }
}
