// One test class at a time: the emulator's receive links have a known race when a client's flow frame arrives
// while a message is being handed to the link (the credit it counts can disagree with the client's), which shows
// under CPU starvation as a timed receive that gets nothing (RuleTests under load). Running the classes side by
// side starved each other's emulators; the race itself is listed in the emulator's README as unfixed.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
