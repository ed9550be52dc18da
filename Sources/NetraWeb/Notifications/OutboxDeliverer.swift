import Fluent
import Foundation
import NetraCore
import NetraMail
import NetraStore

/// Sends what is due in the outbox and records each outcome. Any number of instances may run it at
/// once: each delivery is claimed by one of them.
public struct OutboxDeliverer: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var sent = 0
        public var retried = 0
        public var failed = 0

        public init(sent: Int = 0, retried: Int = 0, failed: Int = 0) {
            self.sent = sent
            self.retried = retried
            self.failed = failed
        }
    }

    let mailer: Mailer
    let settings: MailSettings
    let vault: EvidenceVault

    public init(mailer: Mailer, settings: MailSettings, vault: EvidenceVault) {
        self.mailer = mailer
        self.settings = settings
        self.vault = vault
    }

    /// Delivers until nothing more is due at `now`.
    public func deliverDue(now: Date, on database: any Database) async throws -> Outcome {
        var outcome = Outcome()
        while true {
            let batch = try await OutboxStore.claimDue(now: now, policy: settings.policy, vault: vault, on: database)
            if batch.isEmpty { return outcome }
            for delivery in batch {
                let attempt = await send(delivery, at: now)
                try await OutboxStore.record(attempt, of: delivery, policy: settings.policy, at: now, on: database)
                switch attempt {
                case .sent: outcome.sent += 1
                case .transientFailure: outcome.retried += 1
                case .permanentFailure: outcome.failed += 1
                }
            }
        }
    }

    private func send(_ delivery: OutboxDelivery, at now: Date) async -> OutboxStore.Attempt {
        do {
            let message = MailMessage(from: settings.smtp.sender, to: try MailAddress(delivery.recipient), subject: delivery.subject,
                                      body: Notice.emailBody(delivery.body, link: delivery.link, publicURL: settings.publicURL),
                                      messageID: "\(delivery.id.uuidString.lowercased())@netra", date: now)
            try await mailer.send(message)
            return .sent
        } catch let error as SMTPError {
            return error.isTransient ? .transientFailure(error.message) : .permanentFailure(error.message)
        } catch {
            return .transientFailure(String(describing: error))
        }
    }
}
