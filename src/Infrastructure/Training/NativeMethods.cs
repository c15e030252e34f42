using System.Runtime.InteropServices;

namespace DigitForge.Infrastructure.Training;

/// <summary>The C ABI of libdigitforge_engine (native/include/digitforge_engine.h), resolved by <see cref="EngineLibrary"/>.</summary>
internal static unsafe partial class NativeMethods
{
    public const string Library = "digitforge_engine";

    /// <summary>The ABI version this code was written for (DF_ABI_VERSION).</summary>
    public const int AbiVersion = 2;

    public const int DeviceAuto = 0;
    public const int DeviceCpu = 1;
    public const int DeviceCuda = 2;

    [LibraryImport(Library, EntryPoint = "df_engine_version")]
    public static partial nint EngineVersion();

    [LibraryImport(Library, EntryPoint = "df_torch_version")]
    public static partial nint TorchVersion();

    [LibraryImport(Library, EntryPoint = "df_last_error")]
    public static partial nint LastError();

    [LibraryImport(Library, EntryPoint = "df_device_query")]
    public static partial int DeviceQuery(int cudaIndex, NativeDeviceInfo* info);

    [LibraryImport(Library, EntryPoint = "df_model_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ModelCreate(string descriptionJson, ulong seed, int device, out SafeModelHandle model);

    [LibraryImport(Library, EntryPoint = "df_model_load", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ModelLoad(string path, int device, out SafeModelHandle model);

    [LibraryImport(Library, EntryPoint = "df_model_save", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ModelSave(SafeModelHandle model, string path);

    [LibraryImport(Library, EntryPoint = "df_model_free")]
    public static partial void ModelFree(nint model);

    [LibraryImport(Library, EntryPoint = "df_model_info_get")]
    public static partial int ModelInfo(SafeModelHandle model, NativeModelInfo* info);

    [LibraryImport(Library, EntryPoint = "df_model_description")]
    public static partial nint ModelDescription(SafeModelHandle model);

    [LibraryImport(Library, EntryPoint = "df_model_output_size")]
    public static partial int ModelOutputSize(SafeModelHandle model, int layerCount, long* size);

    [LibraryImport(Library, EntryPoint = "df_model_forward")]
    public static partial int ModelForward(SafeModelHandle model, float* x, long rows, int layerCount, float* output, long outputCapacity);

    [LibraryImport(Library, EntryPoint = "df_model_predict")]
    public static partial int ModelPredict(SafeModelHandle model, float* x, long rows, long* labels);

    [LibraryImport(Library, EntryPoint = "df_task_names")]
    public static partial nint TaskNames();

    [LibraryImport(Library, EntryPoint = "df_task_run", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TaskRun(
        string task,
        NativeTaskModel* models,
        int modelCount,
        NativeArray* inputs,
        int inputCount,
        string recipeJson,
        NativeTaskCallbacks* callbacks,
        int* cancelFlag,
        NativeTaskResult* result);
}
