namespace DigitForge.Application.Training.Tasks;

/// <param name="Task">The engine's task name, e.g. <c>gan</c>.</param>
/// <param name="Models">The models by role; frozen ones are used in evaluation mode and never optimised.</param>
/// <param name="Inputs">Named arrays handed to the engine once.</param>
/// <param name="RecipeJson">The task's recipe (see the task's source file in native/src/tasks/).</param>
public sealed record TrainingTaskRequest(string Task, IReadOnlyList<TaskModel> Models, IReadOnlyList<TaskInput> Inputs, string RecipeJson);

/// <summary>A model in a task: <paramref name="Role"/> is the task's name for it (<c>generator</c>, <c>classifier</c>, ...).</summary>
public sealed record TaskModel(string Role, ITrainableModel Model, bool Frozen = false);
