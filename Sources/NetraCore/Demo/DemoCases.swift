/// A case of the synthetic scale data, walked through the real workflow so its state is one the
/// application could have reached.
public struct DemoCase: Sendable {
    public let number: String
    public let nip: String
    public let name: String
    public let state: Case
}

public enum DemoCases {
    /// `count` cases about people drawn from `people`, opened between July and December 2024, each taken
    /// a random number of steps along the workflow (or dismissed).
    public static func generate(count: Int, people: [(nip: String, name: String)], workingDays: WorkingDays, seed: UInt64 = 7) -> [DemoCase] {
        guard !people.isEmpty else { return [] }
        var random = SeededRandom(seed: seed)
        let context = CaseContext(workingDays: workingDays, allowedSanctions: Set(SanctionLevel.allCases))
        let first = LocalDate(year: 2024, month: 7, day: 1)!
        let levels: [SanctionLevel] = [.disiplinRingan, .disiplinSedang, .disiplinBerat, .etik]
        let examiner = Official(position: "Kepala Bidang Pengembangan Sumber Daya Manusia", name: people[0].name, nip: people[0].nip)
        return (0..<count).map { index in
            let person = people[Int.random(in: 0..<people.count, using: &random)]
            let opened = first.adding(days: Int.random(in: 0..<170, using: &random))
            let behaviours = Array(Set((0..<Int.random(in: 1...2, using: &random)).map { _ in Behaviour.allCases.randomElement(using: &random)! }))
                .sorted { $0.rawValue < $1.rawValue }
            let examination = workingDays.adding(10, to: opened.adding(days: 2))
            let level = levels.randomElement(using: &random)!
            let penalty = Penalty.choices(for: [level]).randomElement(using: &random)!
            var steps: [(CaseEvent, LocalDate)] = [
                (.verify(behaviours: behaviours), opened),
                (.summon(examinationOn: examination, at: TimeOfDay(hour: 9, minute: 0)!, place: "Ruang rapat BKPSDM", examiner: examiner), opened.adding(days: 2)),
                (.examine(minutes: "Berita acara pemeriksaan terlampir.", exchanges: [Case.Exchange(question: "Apakah Saudara hadir pada kegiatan tersebut?", answer: "Ya.")],
                          examiner: examiner), examination),
                (.recommend(level: level, reasoning: "Terbukti berdasarkan pemeriksaan."), examination.adding(days: 3)),
                (.decide(penalty: penalty, decreeNumber: "800.1.10.4/\(index + 1)/BKPSDM/2024", signer: "Bupati"), examination.adding(days: 14)),
                (.carryOutSanction, examination.adding(days: 20)),
                (.close, examination.adding(days: 21)),
            ]
            var taken = Int.random(in: 1...steps.count, using: &random)
            // One case in five that stops early is dismissed there.
            if taken < steps.count && Int.random(in: 0..<5, using: &random) == 0 {
                steps.insert((.dismiss(reason: "Tidak cukup bukti."), steps[taken - 1].1.adding(days: 5)), at: taken)
                taken += 1
            }
            var state = Case.received(on: opened, context: context)
            for (event, day) in steps.prefix(taken) {
                guard let next = try? state.applying(event, on: day, context: context) else { break }
                state = next
            }
            return DemoCase(number: "NTR-2024-\((index + 1).zeroPadded(5))", nip: person.nip, name: person.name, state: state)
        }
    }
}
