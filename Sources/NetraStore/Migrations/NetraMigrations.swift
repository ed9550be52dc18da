import FluentKit

/// Every migration in order. The same list runs on SQLite and PostgreSQL.
public enum NetraMigrations {
    public static var all: [any Migration] {
        [M001CreateRegistry(), M002CreateUsers(), M003CreateQuizAttempts(), M004CreateReports(), M005CreateCases(), M006CreateDeadlineTracking(), M007CreateCaseFiles(), M008CreateScreening(),
         M009CreateSupportLists(), M010CreatePledges(), M011CreateSocialization(), M012CreateCirculars(), M013AddCaseSanctionLevel(), M014AddAccountsAndUnitCodes(), M015AddSettings(), M016AddElectionTimetables(), M017AddSocializationCreator(), M018AddServerSessions(), M019AddEvidenceCleanCopies(), M020AddNotificationDelivery(), M021AddReporterNotification(), M022CreateSupervisionStatements(), M023AddOfficialLetters(), M024CreateRateWindows(), M025AddSupportListClaims(), M026CreateEvidenceBlobs(), M027AddCaseListIndex()]
    }

    public static func register(on migrations: Migrations) {
        migrations.add(all)
    }
}
