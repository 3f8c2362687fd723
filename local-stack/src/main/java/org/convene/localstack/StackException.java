package org.convene.localstack;

/** A problem the person running the stack can fix; its message is printed alone, without a stack trace. */
class StackException extends RuntimeException {

    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
