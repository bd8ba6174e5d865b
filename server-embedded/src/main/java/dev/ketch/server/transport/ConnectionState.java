package dev.ketch.server.transport;

/**
 * memcached's connection states, as {@code stats conns} names them. Ketch's state machine is not
 * memcached's, but each connection reports the state memcached would be in at the same point:
 * listening, waiting for a command ({@code conn_new_cmd} before the first read and after a yield,
 * {@code conn_read} when idle afterwards), running one ({@code conn_parse_cmd}), reading a value
 * ({@code conn_nread}), discarding a refused value ({@code conn_swallow}) or waiting for the
 * client to take its replies ({@code conn_mwrite}).
 */
public enum ConnectionState {
    LISTENING("conn_listening"),
    NEW_CMD("conn_new_cmd"),
    WAITING("conn_waiting"),
    READ("conn_read"),
    PARSE_CMD("conn_parse_cmd"),
    WRITE("conn_write"),
    NREAD("conn_nread"),
    SWALLOW("conn_swallow"),
    CLOSING("conn_closing"),
    MWRITE("conn_mwrite"),
    CLOSED("conn_closed"),
    WATCH("conn_watch"),
    IO_QUEUE("conn_io_queue");

    private final String text;

    ConnectionState(String text) {
        this.text = text;
    }

    /** The name memcached's {@code state_text()} gives the state. */
    public String text() {
        return text;
    }
}
