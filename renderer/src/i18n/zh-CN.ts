export const zhCN = {
  appName: '收银台',
  boot: {
    title: '系统状态',
    loading: '正在连接收银主程序…',
    version: '版本',
    database: '数据库',
    schema: '数据结构版本',
    startedAt: '启动时间',
    pinpad: '密码键盘',
    printer: '小票打印机',
    hostLink: '银行主机连接',
    error: '无法读取状态',
  },
  training: '培训模式：使用模拟银行主机和模拟密码键盘，交易不会真实扣款',
  language: 'English',
  state: {
    absent: '未连接',
    connecting: '连接中',
    ready: '就绪',
    busy: '忙碌',
    disconnected: '已断开',
    error: '故障',
    connected: '已连接',
  },
  customer: { welcome: '欢迎光临' },
};
export type Messages = typeof zhCN;
