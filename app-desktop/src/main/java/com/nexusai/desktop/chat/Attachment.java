package com.nexusai.desktop.chat;

/** Context the user adds to a question: what it is, and the exact text that will be sent. */
public record Attachment(String title, String content) {
}
