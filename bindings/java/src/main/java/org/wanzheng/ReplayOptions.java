package org.wanzheng;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * How a log is checked on replay (INV-57; README "threat model"). The defaults are strict: an
 * entry whose stored outcomes or transition re-judging does not give is refused
 * ({@link InputException} reason {@code replay_difference}). {@link #reportDifferences()} lists them
 * in the {@link ReplayReport} instead. {@link #expectedLen}/{@link #expectedHead}: what the approval
 * system recorded (reason {@code head_mismatch} for a dropped tail or a rewrite); checkpoints made by
 * {@link Project#checkpoint(String)} are verified with the HMAC key and/or the Ed25519 public key
 * (reason {@code anchor_mismatch}).
 */
public final class ReplayOptions {
    private final JsonObject json = new JsonObject();

    private ReplayOptions() {}

    /** The strict defaults. */
    public static ReplayOptions strict() {
        return new ReplayOptions();
    }

    /** List differences in the report instead of refusing the log. */
    public ReplayOptions reportDifferences() {
        json.addProperty("differences", "report");
        return this;
    }

    /** The log length the approval system recorded. */
    public ReplayOptions expectedLen(long len) {
        json.addProperty("expected_len", len);
        return this;
    }

    /** The head hash (64 hex digits) the approval system recorded. */
    public ReplayOptions expectedHead(String head) {
        json.addProperty("expected_head", head);
        return this;
    }

    /** A checkpoint JSON as {@link Project#checkpoint(String)} wrote it, to verify. */
    public ReplayOptions checkpoint(String checkpointJson) {
        if (!json.has("checkpoints")) {
            json.add("checkpoints", new JsonArray());
        }
        json.getAsJsonArray("checkpoints").add(Json.object(checkpointJson));
        return this;
    }

    /** The HMAC-SHA-256 chain key (hex) that verifies the checkpoints' {@code hmac}. */
    public ReplayOptions hmacKey(String hex) {
        json.addProperty("hmac_key", hex);
        return this;
    }

    /** The Ed25519 public key (64 hex digits) that verifies the checkpoints' {@code ed25519}. */
    public ReplayOptions publicKey(String hex) {
        json.addProperty("public_key", hex);
        return this;
    }

    /** The options as the library's JSON. */
    public String toJson() {
        return json.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
